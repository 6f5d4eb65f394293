package dev.mailwright.smtp.transcript;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.Finding;
import dev.mailwright.core.smtp.FailureClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TranscriptAnalyzer} found in a transcript: the findings in the order of the
 * conversation, and the failure's class when the send failed.
 *
 * @param findings the findings in order (the failure, when any, is the last {@code FAILURE})
 * @param failure the classified failure, or empty when the conversation shows no failure
 */
public record Diagnosis(List<Finding> findings, Optional<FailureClass> failure) {

    /** Validates and copies. */
    public Diagnosis {
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        Objects.requireNonNull(failure, "failure");
    }

    /** @return true when a failure was found */
    public boolean failed() {
        return failure.isPresent();
    }

    /**
     * @param name the section's stable name, such as {@code transcript-unicorn}
     * @param title its heading
     * @return the findings as a section of the diagnostics report
     */
    public DiagnosticsSection toDiagnosticsSection(String name, String title) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("outcome", failure.map(f -> "failed: " + f.code()).orElse("no failure found"));
        return new DiagnosticsSection(name, title, facts, findings);
    }
}
