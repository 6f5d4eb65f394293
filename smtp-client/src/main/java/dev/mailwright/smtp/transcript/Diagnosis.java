package dev.mailwright.smtp.transcript;

import dev.mailwright.core.Finding;
import dev.mailwright.core.diagnostics.JsonWriter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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

    /** @return every finding rendered with {@link Finding#render()}, one after the other */
    public String render() {
        return findings.stream().map(Finding::render).collect(Collectors.joining(System.lineSeparator()));
    }

    /** @return {@code {"failure": "...", "findings": [...]}} */
    public String toJson() {
        JsonWriter w = new JsonWriter().beginObject();
        w.member("failure", failure.map(FailureClass::name).orElse(null));
        w.name("findings").findings(findings);
        return w.endObject().toString();
    }
}
