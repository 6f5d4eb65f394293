package dev.mailwright.core.spi;

import dev.mailwright.core.auth.SpfVerdict;
import java.net.InetAddress;

/**
 * Evaluates SPF (RFC 7208 {@code check_host}) for a connection. {@code mailwright-dns-verify}
 * provides one that asks DNS ({@code DnsSpfEvaluator}).
 *
 * <p>Contract: a DNS question that gets no answer in time is a {@code temperror}, never a pass or
 * a fail; the evaluation is bounded (10 DNS-querying terms, 2 void lookups, the resolver's
 * timeouts); nothing is thrown for what DNS returns.
 */
@FunctionalInterface
public interface SpfEvaluator {

    /**
     * @param clientIp the address the message came from
     * @param helo the name the client gave in HELO/EHLO, "" when none
     * @param mailFrom the envelope sender, "" for the null sender ({@code MAIL FROM:<>}); then
     *     {@code postmaster@<helo>} is checked
     * @return the verdict
     */
    SpfVerdict evaluate(InetAddress clientIp, String helo, String mailFrom);
}
