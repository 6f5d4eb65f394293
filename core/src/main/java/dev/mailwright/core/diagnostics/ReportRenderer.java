package dev.mailwright.core.diagnostics;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.Finding;
import dev.mailwright.core.ValidationProblem;
import dev.mailwright.core.ValidationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one place that lays out Mailwright's reports: findings, diagnostics sections (which the test
 * email, a transcript's diagnosis and the DNS report all become), settings validation and the
 * diagnostics report. As text for people, and as plain data (maps, lists, strings, whole numbers
 * and booleans, in a fixed order) for a program's own JSON or YAML writer. Result types hold data
 * and never render themselves; the command-line tool and the support bundle print through here,
 * so that every Mailwright report reads the same way. Enum values are written in lower case
 * with hyphens ({@code failure}, {@code relay-denied}). Stateless.
 *
 * <pre>{@code
 * System.out.println(ReportRenderer.text(DiagnosticsReport.builder().settings(settings).build()));
 * }</pre>
 */
public final class ReportRenderer {
    private ReportRenderer() {
    }

    /**
     * Renders one finding:
     * <pre>
     * [FAILURE] smtp.auth.rejected: the server rejected the credentials (535 5.7.1)
     *   fix: check the user name and password ...
     *   evidence: -&gt; "535 5.7.1 ..."
     * </pre>
     *
     * @param finding the finding
     * @return a multi-line, human-readable rendering
     */
    public static String text(Finding finding) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append('[').append(finding.severity()).append("] ").append(finding.code()).append(": ").append(finding.message());
        if (!finding.remedy().isEmpty()) {
            out.append(nl).append("  fix: ").append(finding.remedy());
        }
        for (String line : finding.evidence()) {
            out.append(nl).append("  evidence: ").append(line);
        }
        return out.toString();
    }

    /**
     * @param findings findings in order
     * @return each rendered with {@link #text(Finding)}, one after the other, each ending with a line break
     */
    public static String text(List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        findings.forEach(f -> out.append(text(f)).append(System.lineSeparator()));
        return out.toString();
    }

    /**
     * @param result a validation result
     * @return one {@code path: message} line per problem (empty when valid)
     */
    public static String text(ValidationResult result) {
        return result.problems().stream().map(ValidationProblem::toString).collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * @param section a section
     * @return its heading {@code == Title (name)}, its facts as {@code key: value} lines, its findings
     */
    public static String text(DiagnosticsSection section) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder("== ").append(section.title()).append(" (").append(section.name()).append(')')
                .append(nl);
        section.facts().forEach((k, v) -> out.append(k).append(": ").append(v).append(nl));
        return out.append(text(section.findings())).toString();
    }

    /**
     * @param report the diagnostics report
     * @return the report for people: versions, settings and their validation, then every section
     */
    public static String text(DiagnosticsReport report) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder("Mailwright diagnostics report").append(nl);
        out.append("Generated: ").append(report.generatedAt()).append(nl).append(nl).append("== Versions").append(nl);
        report.versions().forEach((k, v) -> out.append(k).append(": ").append(v).append(nl));
        out.append(nl).append("== Settings").append(nl);
        if (report.validation().isEmpty()) {
            out.append("(no settings given)").append(nl);
        } else {
            ValidationResult validation = report.validation().get();
            report.settings().forEach((k, v) -> out.append(k).append(" = ").append(v).append(nl));
            out.append(validation.isValid() ? "Validation: valid" : "Validation: " + validation.problems().size()
                    + " problem(s)").append(nl);
            validation.problems().forEach(p -> out.append("  ").append(p).append(nl));
        }
        for (DiagnosticsSection s : report.sections()) {
            out.append(nl).append(text(s));
        }
        return out.toString();
    }

    /**
     * @param finding a finding
     * @return {@code severity}, {@code code}, {@code message}, {@code remedy}, {@code evidence}
     */
    public static Map<String, Object> data(Finding finding) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("severity", value(finding.severity()));
        m.put("code", finding.code());
        m.put("message", finding.message());
        m.put("remedy", finding.remedy());
        m.put("evidence", finding.evidence());
        return m;
    }

    /**
     * @param findings findings in order
     * @return each as {@link #data(Finding)}
     */
    public static List<Map<String, Object>> data(List<Finding> findings) {
        return findings.stream().map(ReportRenderer::data).toList();
    }

    /**
     * @param result a validation result
     * @return {@code valid} and {@code problems} (each {@code path}, {@code code}, {@code message})
     */
    public static Map<String, Object> data(ValidationResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", result.isValid());
        m.put("problems", result.problems().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("path", p.path());
            pm.put("code", p.code());
            pm.put("message", p.message());
            return pm;
        }).toList());
        return m;
    }

    /**
     * @param section a section
     * @return {@code name}, {@code title}, {@code facts}, {@code findings}
     */
    public static Map<String, Object> data(DiagnosticsSection section) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", section.name());
        m.put("title", section.title());
        m.put("facts", section.facts());
        m.put("findings", data(section.findings()));
        return m;
    }

    /**
     * @param report the diagnostics report
     * @return {@code generatedAt}, {@code versions}, {@code settings}, {@code validation} (when
     *     settings were given), {@code failed}, {@code sections}
     */
    public static Map<String, Object> data(DiagnosticsReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generatedAt", report.generatedAt().toString());
        m.put("versions", report.versions());
        m.put("settings", report.settings());
        report.validation().ifPresent(v -> m.put("validation", data(v)));
        m.put("failed", report.hasFailures());
        m.put("sections", report.sections().stream().map(ReportRenderer::data).toList());
        return m;
    }

    /**
     * @param value an enum value
     * @return its name in lower case with hyphens ({@code RELAY_DENIED} becomes {@code relay-denied}),
     *     the one way Mailwright writes enum values
     */
    public static String value(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
