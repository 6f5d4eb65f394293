package dev.mailwright.dns.internal;

import dev.mailwright.core.Severity;
import dev.mailwright.dns.internal.SpfWalker.Result;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Type;

/** SPF of the sending domain: one record, its syntax, the lookup limits, and whether the SMTP server may send. */
final class SpfCheck {
    private SpfCheck() {
    }

    static void run(CheckContext c) {
        String d = c.plan.sendingDomain();
        Answer txt = c.dns.lookup(d, Type.TXT);
        List<InetAddress> smtp = smtpAddresses(c);
        if (txt instanceof Answer.Failed) {
            c.unanswered("dns.spf", "the TXT records of " + d, ((Answer.Failed) txt).reason(), txt.evidence());
            return;
        }
        List<String> records = SpfWalker.spfRecords(txt);
        if (records.isEmpty()) {
            c.add(Findings.failure("dns.spf", d + " has no SPF record", "one TXT record starting with v=spf1 that allows"
                    + " the SMTP server", "Publish an SPF record for " + d + " that allows the SMTP server"
                    + (c.plan.smtpServer() == null ? "" : " " + c.plan.smtpServer()) + ".", txt.evidence()));
            c.suggest(Suggestions.spf(d, c.plan.smtpServer(), smtp));
            return;
        }
        if (records.size() > 1) {
            c.add(Findings.failure("dns.spf", d + " has " + records.size() + " SPF records (a permanent error for"
                    + " receivers)", "exactly one TXT record starting with v=spf1", "Merge the SPF records of " + d
                    + " into one.", txt.evidence()));
            return;
        }
        String text = records.get(0);
        SpfRecord spf = SpfRecord.parse(text);
        List<String> evidence = List.of(d + " TXT \"" + text + "\"");
        if (!spf.errors().isEmpty()) {
            c.add(Findings.failure("dns.spf.syntax", "the SPF record of " + d + " has syntax errors: "
                    + String.join("; ", spf.errors()), "a valid SPF record (RFC 7208)", "Fix the listed terms of the SPF"
                    + " record of " + d + ".", evidence));
            return;
        }
        c.add(Findings.pass("dns.spf.syntax", d + " has one valid SPF record", evidence));
        limits(c, d);
        allowed(c, d, smtp);
    }

    private static void limits(CheckContext c, String d) {
        SpfWalker walk = new SpfWalker(c, null);
        walk.check(d);
        List<String> evidence = new ArrayList<>(walk.evidence);
        evidence.addAll(walk.notes);
        if (walk.lookups > SpfWalker.LOOKUP_LIMIT) {
            c.add(Findings.failure("dns.spf.lookups", "the SPF record of " + d + " needs " + walk.lookups
                    + " DNS lookups", "at most " + SpfWalker.LOOKUP_LIMIT + " (RFC 7208 §4.6.4; beyond it receivers"
                    + " return a permanent error)", "Remove includes you no longer use, or replace include, a and mx"
                    + " terms by ip4/ip6 ranges.", evidence));
        } else {
            c.add(Findings.pass("dns.spf.lookups", "the SPF record of " + d + " needs " + walk.lookups + " of at most "
                    + SpfWalker.LOOKUP_LIMIT + " DNS lookups", evidence));
        }
        if (walk.voids.size() > SpfWalker.VOID_LIMIT) {
            c.add(Findings.failure("dns.spf.void", "the SPF record of " + d + " has " + walk.voids.size()
                    + " void lookups (" + String.join(", ", walk.voids) + ")", "at most " + SpfWalker.VOID_LIMIT
                    + " (RFC 7208 §4.6.4)", "Remove the terms that name domains without records.", evidence));
        } else if (!walk.voids.isEmpty()) {
            c.add(Findings.warning("dns.spf.void", "the SPF record of " + d + " has " + walk.voids.size()
                    + " void lookup(s) (" + String.join(", ", walk.voids) + ")", "none; more than "
                    + SpfWalker.VOID_LIMIT + " is a permanent error", "Remove the terms that name domains without"
                    + " records.", evidence));
        }
    }

    private static void allowed(CheckContext c, String d, List<InetAddress> smtp) {
        if (c.plan.smtpServer() == null) {
            c.add(Findings.info("dns.spf.smtp", "no SMTP server configured: not checked whether SPF allows it",
                    List.of()));
            return;
        }
        if (smtp.isEmpty()) {
            c.add(Findings.warning("dns.spf.smtp", "the SMTP server " + c.plan.smtpServer() + " does not resolve",
                    "an address to check against the SPF record", "Check the SMTP server name in the email settings.",
                    List.of()));
            return;
        }
        for (InetAddress ip : smtp) {
            SpfWalker walk = new SpfWalker(c, ip);
            Result r = walk.check(d);
            if (walk.lookups > SpfWalker.LOOKUP_LIMIT) {
                r = Result.PERMERROR;
            }
            String found = "SPF of " + d + " gives " + r.name().toLowerCase(java.util.Locale.ROOT) + " for the SMTP server "
                    + c.plan.smtpServer() + " (" + ip.getHostAddress() + ")";
            Severity s = r == Result.PASS ? Severity.PASS
                    : r == Result.FAIL || r == Result.PERMERROR ? Severity.FAILURE : Severity.WARNING;
            List<String> evidence = new ArrayList<>(walk.evidence);
            evidence.addAll(walk.notes);
            String remedy = r == Result.PERMERROR || r == Result.TEMPERROR
                    ? "Fix the SPF record of " + d + " first (see the other dns.spf findings): receivers cannot evaluate it."
                    : "Add ip" + (ip instanceof java.net.Inet6Address ? "6:" : "4:") + ip.getHostAddress()
                            + " (or the include: of your SMTP provider) to the SPF record of " + d
                            + ", before its all term.";
            c.add(Findings.of(s, "dns.spf.smtp", found, "pass", remedy, evidence));
        }
    }

    static List<InetAddress> smtpAddresses(CheckContext c) {
        String server = c.plan.smtpServer();
        if (server == null) {
            return List.of();
        }
        if (server.matches("[0-9.]+") || server.contains(":")) {
            try {
                return List.of(InetAddress.getByName(server));
            } catch (java.net.UnknownHostException e) {
                return List.of();
            }
        }
        return c.addresses(server).addresses();
    }
}
