package dev.mailwright.dns;

import dev.mailwright.core.auth.DmarcDiscovery;
import dev.mailwright.core.spi.DmarcPolicyLookup;
import dev.mailwright.dns.internal.DmarcTreeWalk;
import java.util.Objects;

/**
 * DMARC policies and organizational domains from DNS, for
 * {@link dev.mailwright.core.auth.MessageAuthenticator}: the RFC 9989 tree walk, {@code _dmarc.<domain>}
 * and its ancestors, at most 8 TXT queries with the resolver's timeout, no public suffix list. No
 * answer in time, SERVFAIL or REFUSED is a {@link DmarcDiscovery.TempFail} (a DMARC temperror,
 * never a pass).
 *
 * <pre>{@code
 * DmarcPolicyLookup dmarc = DnsDmarcPolicyLookup.of(ResolverSettings.of("127.0.0.1:53"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each discovery asks afresh (no cache).
 */
public final class DnsDmarcPolicyLookup implements DmarcPolicyLookup {
    private final ResolverSettings resolver;

    private DnsDmarcPolicyLookup(ResolverSettings resolver) {
        this.resolver = resolver;
    }

    /**
     * @param resolver the DNS servers and the timeout of each query
     * @return the lookup
     */
    public static DnsDmarcPolicyLookup of(ResolverSettings resolver) {
        return new DnsDmarcPolicyLookup(Objects.requireNonNull(resolver, "resolver"));
    }

    @Override
    public DmarcDiscovery discover(String domain) {
        return DmarcTreeWalk.discover(resolver, Objects.requireNonNull(domain, "domain"));
    }

    @Override
    public String toString() {
        return "DnsDmarcPolicyLookup[" + resolver + "]";
    }
}
