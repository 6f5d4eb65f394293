package dev.mailwright.dns;

import dev.mailwright.core.Finding;
import dev.mailwright.core.HostNames;
import dev.mailwright.core.dkim.DkimSigningKey;
import dev.mailwright.dns.internal.DkimLookups;
import java.security.PublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks that DNS publishes the public key of each configured DKIM private key, so that the
 * signatures Mailwright makes verify at the receivers: for each key, the record at
 * {@code <selector>._domainkey.<domain>} must exist, hold a usable key ({@code dns.dkim}, as in the
 * full report) and be that key's public half ({@code dns.dkim.key}). A record that differs gets a
 * failure whose remedy is the exact TXT value to publish.
 *
 * <pre>{@code
 * List<Finding> findings = DkimKeyCheck.check(ResolverSettings.system(), "ghe.example.com", keys);
 * }</pre>
 */
public final class DkimKeyCheck {
    private DkimKeyCheck() {
    }

    /**
     * @param resolver the DNS servers and timeout
     * @param domain the signing domain {@code d=}
     * @param keys the signing keys (their selectors and public keys are used, never the private keys)
     * @return the findings; DNS problems are failures that say so, never exceptions
     */
    public static List<Finding> check(ResolverSettings resolver, String domain, List<DkimSigningKey> keys) {
        Objects.requireNonNull(resolver, "resolver");
        Map<String, PublicKey> configured = new LinkedHashMap<>();
        for (DkimSigningKey k : keys) {
            configured.put(k.selector().toLowerCase(java.util.Locale.ROOT), k.publicKey());
        }
        return DkimLookups.check(HostNames.normalize(domain), configured, resolver, Clock.systemUTC());
    }
}
