package dev.mailwright.cli;

import dev.mailwright.core.Severity;
import dev.mailwright.core.diagnostics.ReportRenderer;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.ZoneRecord;
import dev.mailwright.smtp.RecipientStatus;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.transcript.Diagnosis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the command-line tool lays out the results of the library modules, as text and as data for
 * its JSON: the test email, a transcript's diagnosis, the DNS report, a notification's result.
 * Findings, sections and the diagnostics report go through core's {@link ReportRenderer}, so
 * that every report reads the same way.
 */
final class Render {
    private Render() {
    }

    /** @return the outcome line, the findings and the transcript (after {@value Transcript#SECTION}) */
    static String text(TestEmailResult r) {
        String nl = System.lineSeparator();
        return (r.delivered() ? "Delivered: the test email to " + r.to() + " was accepted by the server."
                : "Not delivered: the test email to " + r.to() + " failed (" + r.failure().orElseThrow().description() + ").")
                + nl + nl + "Findings:" + nl + ReportRenderer.text(r.findings()) + nl + Transcript.SECTION + nl
                + r.transcript().toText();
    }

    /** @return the test email as data: outcome, failure, findings, transcript events */
    static Map<String, Object> data(TestEmailResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivered", r.delivered());
        m.put("to", r.to());
        m.put("startedAt", r.startedAt().toString());
        m.put("tookMillis", r.took().toMillis());
        failure(m, r.failure().orElse(null));
        m.put("error", r instanceof TestEmailResult.Failed f ? f.error() : null);
        m.put("findings", ReportRenderer.data(r.findings()));
        m.put("transcript", TranscriptJson.data(r.transcript()));
        return m;
    }

    /** @return the findings, one after the other */
    static String text(Diagnosis d) {
        return ReportRenderer.text(d.findings());
    }

    /** @return the diagnosis as data: the failure and the findings */
    static Map<String, Object> data(Diagnosis d) {
        Map<String, Object> m = new LinkedHashMap<>();
        failure(m, d.failure().orElse(null));
        m.put("findings", ReportRenderer.data(d.findings()));
        return m;
    }

    private static void failure(Map<String, Object> m, FailureClass c) {
        m.put("failure", c == null ? null : c.code());
        m.put("category", c == null ? null : Output.value(c.category()));
        m.put("transient", c == null ? null : c.isTransient());
        m.put("remedy", c == null ? null : c.remedy());
    }

    /** @return a summary line, every finding, then the records to create */
    static String text(DnsReport report) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        Map<Severity, Long> c = report.counts();
        out.append("DNS and port checks for ").append(report.hostname()).append(": ").append(c.get(Severity.FAILURE))
                .append(" failed, ").append(c.get(Severity.WARNING)).append(" warnings, ").append(c.get(Severity.PASS))
                .append(" passed (").append(report.elapsed().toMillis()).append(" ms)").append(nl);
        out.append(ReportRenderer.text(report.findings()));
        if (!report.recordsToCreate().isEmpty()) {
            out.append(nl).append("Records to create (zone-file lines):").append(nl);
            for (ZoneRecord r : report.recordsToCreate()) {
                out.append(r.zoneLine()).append(nl);
            }
        }
        return out.toString();
    }

    /** @return the DNS report as data */
    static Map<String, Object> data(DnsReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostname", report.hostname());
        m.put("checkedAt", report.checkedAt().toString());
        m.put("elapsedMillis", report.elapsed().toMillis());
        m.put("failed", report.hasFailures());
        m.put("findings", ReportRenderer.data(report.findings()));
        m.put("recordsToCreate", report.recordsToCreate().stream().map(ZoneRecord::zoneLine).toList());
        return m;
    }

    /** @return the result of a notification: per recipient, the server's reply, and for a failure what to do */
    static String text(SendResult result, String via) {
        StringBuilder out = new StringBuilder();
        if (result instanceof SendResult.Sent s) {
            out.append("sent ").append(s.messageId()).append(" via ").append(via).append('\n');
            recipients(out, s.recipients());
            if (s.finalReply() != null) {
                out.append("  server: ").append(s.finalReply()).append('\n');
            }
            s.queue().ifPresent(q -> out.append("  queue id: ").append(q).append('\n'));
        } else if (result instanceof SendResult.Failed f) {
            out.append("FAILED ").append(f.messageId()).append(" via ").append(via).append(": ")
                    .append(Output.value(f.category())).append(" (").append(f.failure().code()).append(")\n");
            recipients(out, f.recipients());
            f.serverReply().ifPresent(r -> out.append("  server: ").append(r).append('\n'));
            out.append("  detail: ").append(f.detail()).append('\n');
            out.append("  what to do: ").append(f.remedy()).append('\n');
        }
        out.append("  attempts: ").append(result.attempts()).append('\n');
        return out.toString();
    }

    private static void recipients(StringBuilder out, List<RecipientStatus> recipients) {
        for (RecipientStatus r : recipients) {
            out.append("  recipient ").append(r.address()).append(": ").append(r.accepted() ? "accepted" : "REJECTED");
            if (r.reply() != null) {
                out.append(" (").append(r.reply()).append(')');
            }
            out.append('\n');
        }
    }

    /** @return the result of a notification as data */
    static Map<String, Object> data(SendResult result, String via) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", result.isSent() ? "sent" : "failed");
        m.put("messageId", result.messageId());
        m.put("transport", via);
        m.put("attempts", result.attempts());
        m.put("recipients", result.recipients().stream().map(r -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("address", r.address());
            rm.put("accepted", r.accepted());
            rm.put("reply", reply(r.reply()));
            return (Object) rm;
        }).toList());
        if (result instanceof SendResult.Sent s) {
            m.put("finalReply", reply(s.finalReply()));
            m.put("queueId", s.queueId());
        } else if (result instanceof SendResult.Failed f) {
            failure(m, f.failure());
            m.put("reply", reply(f.reply()));
            m.put("detail", f.detail());
        }
        return m;
    }

    private static Object reply(SmtpReply r) {
        if (r == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", r.code());
        m.put("enhancedStatus", r.enhancedStatus());
        m.put("text", r.text());
        return m;
    }
}
