package dev.mailwright.dns.internal;

import dev.mailwright.core.Finding;
import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.ZoneRecord;
import java.util.List;

/** Writes a {@link DnsReport} as JSON without a JSON library. */
public final class ReportJson {
    private ReportJson() {
    }

    /**
     * @param report the report
     * @return one JSON object, pretty-printed with two-space indentation
     */
    public static String write(DnsReport report) {
        StringBuilder out = new StringBuilder("{\n");
        field(out, 1, "hostname", report.hostname()).append(",\n");
        field(out, 1, "checkedAt", report.checkedAt().toString()).append(",\n");
        indent(out, 1).append("\"elapsedMillis\": ").append(report.elapsed().toMillis()).append(",\n");
        indent(out, 1).append("\"failed\": ").append(report.hasFailures()).append(",\n");
        indent(out, 1).append("\"findings\": [");
        List<Finding> findings = report.findings();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            out.append(i == 0 ? "\n" : ",\n");
            indent(out, 2).append("{\n");
            field(out, 3, "severity", f.severity().name()).append(",\n");
            field(out, 3, "code", f.code()).append(",\n");
            field(out, 3, "message", f.message()).append(",\n");
            field(out, 3, "remedy", f.remedy()).append(",\n");
            indent(out, 3).append("\"evidence\": ");
            strings(out, f.evidence());
            out.append('\n');
            indent(out, 2).append('}');
        }
        out.append(findings.isEmpty() ? "],\n" : "\n  ],\n");
        indent(out, 1).append("\"recordsToCreate\": ");
        strings(out, report.recordsToCreate().stream().map(ZoneRecord::zoneLine).collect(java.util.stream.Collectors.toList()));
        return out.append("\n}\n").toString();
    }

    private static StringBuilder field(StringBuilder out, int depth, String name, String value) {
        return indent(out, depth).append('"').append(name).append("\": ").append(quote(value));
    }

    private static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(quote(values.get(i)));
        }
        out.append(']');
    }

    private static StringBuilder indent(StringBuilder out, int depth) {
        return out.append("  ".repeat(depth));
    }

    /** @return the JSON string literal of {@code s} */
    static String quote(String s) {
        return dev.mailwright.core.diagnostics.JsonWriter.string(s);
    }
}
