package dev.mailwright.dns.internal;

import dev.mailwright.core.HostNames;
import dev.mailwright.core.auth.SpfResult;
import dev.mailwright.core.auth.SpfVerdict;
import dev.mailwright.dns.DnsException;
import dev.mailwright.dns.ResolverSettings;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** Runs {@link SpfWalker} as a receiver: the identity from the envelope, macros, the RFC's limits. */
public final class SpfEvaluation {
    private SpfEvaluation() {
    }

    /**
     * @param resolver the servers and timeout
     * @param ip the client address
     * @param helo the HELO/EHLO name, "" when none
     * @param mailFrom the envelope sender, "" for the null sender
     * @return the verdict; never throws for what DNS answers
     */
    public static SpfVerdict evaluate(ResolverSettings resolver, InetAddress ip, String helo, String mailFrom) {
        boolean nullSender = mailFrom.isBlank();
        String sender = nullSender ? "postmaster@" + helo.strip() : mailFrom.strip();
        String identity = nullSender ? "helo" : "mailfrom";
        int at = sender.lastIndexOf('@');
        String domain = (at < 0 ? sender : sender.substring(at + 1)).toLowerCase(Locale.ROOT);
        domain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (!HostNames.isValidHostName(domain) || domain.indexOf('.') < 0) {
            return new SpfVerdict(SpfResult.NONE, identity, "", "'" + domain + "' is not a domain SPF can check");
        }
        try {
            Plan plan = new Plan(domain, List.of(), domain, null, List.of(), List.of(), null, Clock.systemUTC());
            CheckContext c = new CheckContext(plan, new Dns(resolver), CompletableFuture.completedFuture(List.of()));
            SpfWalker walker = new SpfWalker(c, ip, new SpfMacros(at < 0 ? "postmaster@" + sender : sender, helo, ip));
            SpfWalker.Result r = walker.check(domain);
            return new SpfVerdict(SpfResult.valueOf(r.name()), identity, domain, String.join("; ", walker.notes));
        } catch (DnsException e) {
            return new SpfVerdict(SpfResult.TEMPERROR, identity, domain, e.getMessage());
        }
    }
}
