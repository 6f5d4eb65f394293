package dev.mailwright.dns;

import dev.mailwright.core.spi.DkimKeyLookup;
import dev.mailwright.dns.internal.DkimLookups;
import java.util.Objects;

/**
 * DKIM key records from DNS, for {@link dev.mailwright.core.dkim.DkimVerifier}: a TXT query per
 * name with the resolver's timeout, CNAMEs followed, each record's strings joined. No answer in
 * time, SERVFAIL or REFUSED is a {@link DkimKeyLookup.TempFail} (the signature becomes a
 * temperror, never a pass); NXDOMAIN and NODATA are {@link DkimKeyLookup.NotFound}.
 *
 * <pre>{@code
 * DkimVerifier verifier = DkimVerifier.builder()
 *         .keyLookup(DnsDkimKeyLookup.of(ResolverSettings.of("127.0.0.1:53")))
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; each lookup asks afresh (no cache, so one dead server does not
 * poison later lookups).
 */
public final class DnsDkimKeyLookup implements DkimKeyLookup {
    private final ResolverSettings resolver;

    private DnsDkimKeyLookup(ResolverSettings resolver) {
        this.resolver = resolver;
    }

    /**
     * @param resolver the DNS servers and the timeout of each query
     * @return the lookup
     */
    public static DnsDkimKeyLookup of(ResolverSettings resolver) {
        return new DnsDkimKeyLookup(Objects.requireNonNull(resolver, "resolver"));
    }

    @Override
    public Answer lookup(String name) {
        return DkimLookups.lookup(resolver, Objects.requireNonNull(name, "name"));
    }

    @Override
    public String toString() {
        return "DnsDkimKeyLookup[" + resolver + "]";
    }
}
