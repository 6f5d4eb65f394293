package dev.mailwright.dns.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/** DMARC, MTA-STS and TLS-RPT records of the sending domain. */
final class MailAuthChecks {
    private MailAuthChecks() {
    }

    static void dmarc(CheckContext c) {
        String d = c.plan.sendingDomain();
        String name = "_dmarc." + d;
        Answer txt = c.dns.lookup(name, Type.TXT);
        if (txt.isEmpty() && organizational(d) != null) {
            name = "_dmarc." + organizational(d);
            txt = c.dns.lookup(name, Type.TXT);
        }
        String code = "dns.dmarc";
        if (txt instanceof Answer.Failed) {
            c.unanswered(code, name, ((Answer.Failed) txt).reason(), txt.evidence());
            return;
        }
        List<String> records = TagList.withVersion(txt, "v=DMARC1");
        if (records.isEmpty()) {
            c.add(Findings.warning(code, d + " has no DMARC record at _dmarc." + d, "a TXT record at _dmarc." + d
                    + " starting with v=DMARC1", "Publish a DMARC record so that receivers (Gmail, Yahoo, Outlook) trust"
                    + " the notifications; start with p=none to collect reports.", txt.evidence()));
            c.suggest(Suggestions.dmarc(d));
            return;
        }
        if (records.size() > 1) {
            c.add(Findings.failure(code, name + " has " + records.size() + " DMARC records (receivers ignore them all)",
                    "exactly one", "Keep a single DMARC record at " + name + ".", txt.evidence()));
            return;
        }
        policy(c, name, TagList.parse(records.get(0)).get("p"), txt);
    }

    private static void policy(CheckContext c, String name, String p, Answer txt) {
        String code = "dns.dmarc";
        if (p == null || !List.of("none", "quarantine", "reject").contains(p.toLowerCase(java.util.Locale.ROOT))) {
            c.add(Findings.failure(code, "the DMARC record at " + name + " has " + (p == null ? "no p= tag" : "p=" + p),
                    "p=none, p=quarantine or p=reject", "Set the policy tag of the DMARC record, such as p=quarantine.",
                    txt.evidence()));
            c.suggest(Suggestions.dmarc(c.plan.sendingDomain()));
        } else if (p.equalsIgnoreCase("none")) {
            c.add(Findings.warning(code, "the DMARC record at " + name + " only monitors (p=none)", "p=quarantine or"
                    + " p=reject once the reports show that all your mail passes", "When the aggregate reports show that"
                    + " notifications pass SPF or DKIM, change p=none to p=quarantine.", txt.evidence()));
        } else {
            c.add(Findings.pass(code, "the DMARC record at " + name + " has p=" + p, txt.evidence()));
        }
    }

    /** @return the parent domain with at least two labels, or null when {@code d} has two labels or fewer */
    static String organizational(String d) {
        String[] labels = d.split("\\.");
        if (labels.length <= 2) {
            return null;
        }
        return labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    static void mtaStsAndTlsRpt(CheckContext c) {
        String d = c.plan.sendingDomain();
        CompletableFuture<Answer> sts = c.dns.query("_mta-sts." + d, Type.TXT);
        CompletableFuture<Answer> rpt = c.dns.query("_smtp._tls." + d, Type.TXT);
        versioned(c, "dns.mta-sts", "_mta-sts." + d, sts.join(), "v=STSv1", "id",
                "an MTA-STS record (v=STSv1; id=...) so that senders require TLS to " + d,
                "Publish the MTA-STS TXT record and the policy file at https://mta-sts." + d
                        + "/.well-known/mta-sts.txt.");
        if (sts.join().isEmpty()) {
            c.suggest(Suggestions.mtaSts(d, c.plan.clock()));
        }
        versioned(c, "dns.tls-rpt", "_smtp._tls." + d, rpt.join(), "v=TLSRPTv1", "rua",
                "a TLS-RPT record (v=TLSRPTv1; rua=mailto:...) so that senders report TLS failures",
                "Publish a TLS-RPT record with a mailbox or URL that receives the reports.");
        if (rpt.join().isEmpty()) {
            c.suggest(Suggestions.tlsRpt(d));
        }
    }

    private static void versioned(CheckContext c, String code, String name, Answer txt, String version, String tag,
            String expected, String remedy) {
        if (txt instanceof Answer.Failed) {
            c.unanswered(code, name, ((Answer.Failed) txt).reason(), txt.evidence());
            return;
        }
        List<String> records = TagList.withVersion(txt, version);
        if (records.isEmpty()) {
            c.add(Findings.warning(code, name + " has no " + version + " record", expected, remedy, txt.evidence()));
        } else if (records.size() > 1) {
            c.add(Findings.failure(code, name + " has " + records.size() + " " + version + " records", "exactly one",
                    "Keep a single " + version + " record at " + name + ".", txt.evidence()));
        } else {
            String value = TagList.parse(records.get(0)).get(tag);
            boolean valid = value != null && (tag.equals("id") ? value.matches("[A-Za-z0-9]{1,32}")
                    : value.matches("(mailto:[^,\\s]+|https://[^,\\s]+)(\\s*,\\s*(mailto:[^,\\s]+|https://[^,\\s]+))*"));
            if (valid) {
                c.add(Findings.pass(code, name + " has a valid " + version + " record (" + tag + "=" + value + ")",
                        txt.evidence()));
            } else {
                c.add(Findings.failure(code, "the " + version + " record at " + name + " has " + (value == null ? "no "
                        + tag + "= tag" : "an invalid " + tag + "=" + value), expected, remedy, txt.evidence()));
            }
        }
    }
}
