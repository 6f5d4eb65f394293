package dev.mailwright.dns.internal;

import dev.mailwright.core.Finding;
import dev.mailwright.core.spi.DkimKeyLookup;
import dev.mailwright.dns.DnsException;
import dev.mailwright.dns.ResolverSettings;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/** DKIM key records through the report's DNS client: for the verifier's key lookup and for the key check of the settings. */
public final class DkimLookups {
    private DkimLookups() {
    }

    /**
     * @param resolver the servers and timeout
     * @param name {@code <selector>._domainkey.<domain>}
     * @return the TXT records, none, or a temporary failure; never throws
     */
    public static DkimKeyLookup.Answer lookup(ResolverSettings resolver, String name) {
        Answer a;
        try {
            a = new Dns(resolver).lookup(name, Type.TXT);
        } catch (DnsException e) {
            return new DkimKeyLookup.TempFail(e.getMessage());
        }
        if (a instanceof Answer.Failed f) {
            return new DkimKeyLookup.TempFail(f.reason());
        }
        if (a.isEmpty()) {
            return new DkimKeyLookup.NotFound();
        }
        return new DkimKeyLookup.Records(TagList.texts(a));
    }

    /**
     * Checks that each selector publishes the given public key under the domain.
     *
     * @param domain the signing domain
     * @param configured the public key of each configured private key, by selector
     * @param resolver the servers and timeout
     * @param clock the clock of the plan
     * @return the findings, {@code dns.dkim} (the record) and {@code dns.dkim.key} (the match)
     */
    public static List<Finding> check(String domain, Map<String, PublicKey> configured, ResolverSettings resolver,
            Clock clock) {
        Plan plan = new Plan(domain, List.of(), domain, null, List.copyOf(configured.keySet()), List.of(), null, clock);
        CheckContext c = new CheckContext(plan, new Dns(resolver), CompletableFuture.completedFuture(List.of()));
        DkimCheck.run(c, configured);
        return List.copyOf(c.findings());
    }
}
