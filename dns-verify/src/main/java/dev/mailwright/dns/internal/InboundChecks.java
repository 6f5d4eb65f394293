package dev.mailwright.dns.internal;

import dev.mailwright.dns.internal.CheckContext.AddressAnswer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** The seed's records: A and MX of {@code reply.<hostname>}, MX of {@code noreply.<hostname>}, and the host name itself. */
final class InboundChecks {
    static final String WILDCARD_PROBE = "mailwright-wildcard-check";

    private InboundChecks() {
    }

    /** {@code reply.<hostname>}: addresses (direct, CNAME or wildcard) and MX with resolving targets. */
    static void reply(CheckContext c) {
        String reply = c.plan.replyDomain();
        CompletableFuture<Answer> mx = c.dns.query(reply, Type.MX);
        c.dns.query(WILDCARD_PROBE + "." + c.plan.hostname(), Type.A);
        AddressAnswer addresses = c.addresses(reply);
        replyAddresses(c, addresses, mx.join());
        replyMx(c, mx.join());
    }

    private static void replyAddresses(CheckContext c, AddressAnswer answer, Answer mx) {
        String reply = c.plan.replyDomain();
        String code = "dns.reply.address";
        if (answer.failed()) {
            c.unanswered(code, reply, answer.failure().orElseThrow().reason(), answer.evidence());
            return;
        }
        List<InetAddress> found = answer.addresses();
        if (found.isEmpty() && wildcardStoppedByMx(c, answer, mx)) {
            c.add(Findings.failure(code, reply + " has no A or AAAA record: the wildcard *." + c.plan.hostname()
                    + " does not apply to it, because " + reply + " has records of its own (its MX) and a wildcard"
                    + " only covers names that do not exist at all (RFC 4592, section 2.2)", "an A record for " + reply
                    + " itself", "Create an A record for " + reply + " itself pointing to the instance (keep the MX):"
                    + " the wildcard cannot cover a name that has an MX record.", answer.evidence()));
            c.suggest(Suggestions.addressRecords(reply, c.instance(), "a wildcard does not cover a name with an MX record"
                    + " (RFC 4592)"));
            return;
        }
        if (found.isEmpty()) {
            c.add(Findings.failure(code, reply + " has no A or AAAA record", "an A record for " + reply
                    + " pointing to the instance (or a CNAME to the instance, or a wildcard *." + c.plan.hostname() + ")",
                    "Create an A record for " + reply + " that points to the instance; depending on your DNS provider"
                            + " a single A record for *." + c.plan.hostname() + " may do.", answer.evidence()));
            c.suggest(Suggestions.addressRecords(reply, c.instance(), "replies to notifications arrive here"));
            return;
        }
        String how = how(c, answer);
        List<InetAddress> instance = c.instance();
        if (!instance.isEmpty() && found.stream().noneMatch(instance::contains)) {
            c.add(Findings.failure(code, reply + " resolves to " + CheckContext.text(found) + how
                    + ", not to the instance (" + CheckContext.text(instance) + ")", "the instance's address",
                    "Point " + reply + " to the instance's address " + CheckContext.text(instance) + ".",
                    answer.evidence()));
            c.suggest(Suggestions.addressRecords(reply, instance, "replace the current records"));
            return;
        }
        c.add(Findings.pass(code, reply + " resolves to " + CheckContext.text(found) + how
                + (instance.isEmpty() ? "" : ", the instance's address"), answer.evidence()));
    }

    /** @return true when a wildcard A record exists beside the name but the name itself exists (it has an MX) */
    private static boolean wildcardStoppedByMx(CheckContext c, AddressAnswer answer, Answer mx) {
        Answer probe = c.dns.lookup(WILDCARD_PROBE + "." + c.plan.hostname(), Type.A);
        return probe instanceof Answer.Records && answer.a() instanceof Answer.NoData && mx instanceof Answer.Records;
    }

    private static String how(CheckContext c, AddressAnswer answer) {
        if (!answer.aliases().isEmpty()) {
            return " through CNAME " + String.join(", ", answer.aliases());
        }
        Answer probe = c.dns.lookup(WILDCARD_PROBE + "." + c.plan.hostname(), Type.A);
        if (probe instanceof Answer.Records && answer.a() instanceof Answer.Records
                && sameData(probe.records(), answer.a().records())) {
            return " (the same as the wildcard *." + c.plan.hostname() + ")";
        }
        return "";
    }

    private static boolean sameData(List<Record> x, List<Record> y) {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        x.forEach(r -> a.add(r.rdataToString()));
        y.forEach(r -> b.add(r.rdataToString()));
        return a.containsAll(b) && b.containsAll(a);
    }

    private static void replyMx(CheckContext c, Answer mx) {
        String reply = c.plan.replyDomain();
        String code = "dns.reply.mx";
        if (mx instanceof Answer.Failed) {
            c.unanswered(code, "the MX of " + reply, ((Answer.Failed) mx).reason(), mx.evidence());
            return;
        }
        if (mx.records().isEmpty()) {
            c.add(Findings.failure(code, reply + " has no MX record", "an MX record for " + reply + " pointing to "
                    + reply, "Create an MX record for " + reply + " that points to " + reply
                    + " so that email addressed to this domain is routed to the instance.", mx.evidence()));
            c.suggest(Suggestions.mx(reply, reply, "routes replies to the instance"));
            return;
        }
        List<String> targets = targets(mx.records());
        if (targets.contains("")) {
            c.add(Findings.failure(code, reply + " has a null MX (\"0 .\"): it refuses all mail", "an MX record for "
                    + reply + " pointing to " + reply, "Replace the null MX of " + reply + " with an MX record that"
                    + " points to " + reply + ".", mx.evidence()));
            c.suggest(Suggestions.mx(reply, reply, "replace the null MX"));
            return;
        }
        c.add(Findings.pass(code, reply + " has MX " + String.join(", ", targets), mx.evidence()));
        mxTargets(c, targets);
    }

    private static void mxTargets(CheckContext c, List<String> targets) {
        List<InetAddress> instance = c.instance();
        for (String target : targets) {
            AddressAnswer a = c.addresses(target);
            String code = "dns.reply.mx.target";
            List<InetAddress> found = a.addresses();
            if (a.failed()) {
                c.unanswered(code, "the MX target " + target, a.failure().orElseThrow().reason(), a.evidence());
            } else if (found.isEmpty()) {
                c.add(Findings.failure(code, "the MX target " + target + " does not resolve", "an A or AAAA record for "
                        + target, "Create an A record for " + target + " pointing to the instance, or point the MX of "
                        + c.plan.replyDomain() + " to a name that resolves.", a.evidence()));
                c.suggest(Suggestions.addressRecords(target, instance, "the MX target must resolve"));
            } else if (!instance.isEmpty() && found.stream().noneMatch(instance::contains)) {
                c.add(Findings.warning(code, "the MX target " + target + " resolves to " + CheckContext.text(found)
                        + ", not to the instance (" + CheckContext.text(instance) + ")", "the instance's address"
                        + " (unless a relay in front of the instance forwards the replies)", "Point " + target
                        + " to the instance, or make sure the server at " + CheckContext.text(found)
                        + " relays mail for " + c.plan.replyDomain() + " to the instance.", a.evidence()));
            } else {
                c.add(Findings.pass(code, "the MX target " + target + " resolves to " + CheckContext.text(found),
                        a.evidence()));
            }
        }
    }

    /** {@code noreply.<hostname>}: MX pointing to the host name, and the host name resolves. */
    static void noReply(CheckContext c) {
        String noreply = c.plan.noReplyDomain();
        String host = c.plan.hostname();
        CompletableFuture<Answer> mxFuture = c.dns.query(noreply, Type.MX);
        AddressAnswer hostAddresses = c.addresses(host);
        Answer mx = mxFuture.join();
        String code = "dns.noreply.mx";
        if (mx instanceof Answer.Failed) {
            c.unanswered(code, "the MX of " + noreply, ((Answer.Failed) mx).reason(), mx.evidence());
        } else if (mx.records().isEmpty()) {
            c.add(Findings.failure(code, noreply + " has no MX record", "an MX record for " + noreply + " pointing to "
                    + host, "Create an MX record that points " + noreply + " to " + host + " so that replies to the"
                    + " reason address in Cc of notification emails are routed to the instance.", mx.evidence()));
            c.suggest(Suggestions.mx(noreply, host, "replies to the Cc reason address"));
        } else if (!targets(mx.records()).contains(host)) {
            c.add(Findings.failure(code, noreply + " has MX " + String.join(", ", targets(mx.records())), "an MX record"
                    + " for " + noreply + " pointing to " + host, "Change the MX record of " + noreply + " to point to "
                    + host + ".", mx.evidence()));
            c.suggest(Suggestions.mx(noreply, host, "replace the current MX"));
        } else {
            c.add(Findings.pass(code, noreply + " has MX " + host, mx.evidence()));
        }
        hostResolves(c, hostAddresses);
    }

    private static void hostResolves(CheckContext c, AddressAnswer a) {
        String host = c.plan.hostname();
        String code = "dns.host.address";
        if (a.failed()) {
            c.unanswered(code, host, a.failure().orElseThrow().reason(), a.evidence());
        } else if (a.addresses().isEmpty()) {
            c.add(Findings.failure(code, host + " has no A or AAAA record", "an A record for " + host + " (the target"
                    + " of the MX of " + c.plan.noReplyDomain() + ")", "Create an A record for " + host
                    + " pointing to the instance.", a.evidence()));
            c.suggest(Suggestions.addressRecords(host, c.plan.givenAddresses(), "the instance itself"));
        } else {
            c.add(Findings.pass(code, host + " resolves to " + CheckContext.text(a.addresses()), a.evidence()));
        }
    }

    static List<String> targets(List<Record> mx) {
        List<String> out = new ArrayList<>();
        for (Record r : mx) {
            String t = ((MXRecord) r).getTarget().toString(true).toLowerCase(java.util.Locale.ROOT);
            out.add(".".equals(t) ? "" : t);
        }
        return out;
    }
}
