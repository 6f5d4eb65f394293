package dev.mailwright.dns;

import dev.mailwright.core.auth.SpfVerdict;
import dev.mailwright.core.spi.SpfEvaluator;
import dev.mailwright.dns.internal.SpfEvaluation;
import java.net.InetAddress;
import java.util.Objects;

/**
 * SPF from DNS (RFC 7208 {@code check_host}), for {@link dev.mailwright.core.auth.MessageAuthenticator}:
 * the same evaluation as the DNS report's SPF check, as a receiver runs it — the envelope sender's
 * domain ({@code postmaster@<helo>} for the null sender), macros expanded, more than 10
 * DNS-querying terms or 2 void lookups a permerror, and a question without an answer in time a
 * temperror (never a pass, and never a fail that {@code -all} would make of a missing answer).
 *
 * <pre>{@code
 * SpfEvaluator spf = DnsSpfEvaluator.of(ResolverSettings.of("127.0.0.1:53"));
 * }</pre>
 *
 * <p>Immutable and thread-safe; each evaluation asks afresh (no cache).
 */
public final class DnsSpfEvaluator implements SpfEvaluator {
    private final ResolverSettings resolver;

    private DnsSpfEvaluator(ResolverSettings resolver) {
        this.resolver = resolver;
    }

    /**
     * @param resolver the DNS servers and the timeout of each query
     * @return the evaluator
     */
    public static DnsSpfEvaluator of(ResolverSettings resolver) {
        return new DnsSpfEvaluator(Objects.requireNonNull(resolver, "resolver"));
    }

    @Override
    public SpfVerdict evaluate(InetAddress clientIp, String helo, String mailFrom) {
        return SpfEvaluation.evaluate(resolver, Objects.requireNonNull(clientIp, "clientIp"),
                Objects.requireNonNull(helo, "helo"), Objects.requireNonNull(mailFrom, "mailFrom"));
    }

    @Override
    public String toString() {
        return "DnsSpfEvaluator[" + resolver + "]";
    }
}
