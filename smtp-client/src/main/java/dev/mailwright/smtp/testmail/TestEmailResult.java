package dev.mailwright.smtp.testmail;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.Finding;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.Transcript;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a test email: delivered or not, the classified failure, the findings in the
 * order of the conversation, and the redacted transcript.
 */
public sealed interface TestEmailResult {

    /** @return the recipient of the test email */
    String to();

    /** @return when the test started */
    Instant startedAt();

    /** @return how long it took */
    Duration took();

    /** @return the findings, in order */
    List<Finding> findings();

    /** @return the redacted SMTP conversation */
    Transcript transcript();

    /** @return true when the server accepted the message */
    default boolean delivered() {
        return this instanceof Delivered;
    }

    /** @return the classified failure, empty when delivered */
    default Optional<FailureClass> failure() {
        return this instanceof Failed f ? Optional.of(f.failureClass()) : Optional.empty();
    }

    /**
     * The server accepted the test email.
     *
     * @param to the recipient
     * @param startedAt when the test started
     * @param took how long it took
     * @param findings the findings
     * @param transcript the redacted transcript
     */
    record Delivered(String to, Instant startedAt, Duration took, List<Finding> findings, Transcript transcript)
            implements TestEmailResult {
        /** Validates and copies. */
        public Delivered {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(took, "took");
            findings = List.copyOf(findings);
            Objects.requireNonNull(transcript, "transcript");
        }
    }

    /**
     * The test email was not delivered.
     *
     * @param to the recipient
     * @param startedAt when the test started
     * @param took how long it took
     * @param failureClass why, classified
     * @param error the error reported by the mail library, without secrets (empty for invalid settings)
     * @param findings the findings; the failure's finding carries the remedy
     * @param transcript the redacted transcript (empty when nothing was sent)
     */
    record Failed(String to, Instant startedAt, Duration took, FailureClass failureClass, String error, List<Finding> findings,
            Transcript transcript) implements TestEmailResult {
        /** Validates and copies. */
        public Failed {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(failureClass, "failureClass");
            error = error == null ? "" : error;
            findings = List.copyOf(findings);
            Objects.requireNonNull(transcript, "transcript");
        }
    }

    /** @return a section for the diagnostics report ({@code test-email}) */
    default DiagnosticsSection toDiagnosticsSection() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("to", to());
        facts.put("started at", startedAt().toString());
        facts.put("took", took().toMillis() + " ms");
        facts.put("outcome", delivered() ? "delivered" : "not delivered: " + failure().orElseThrow().code());
        return new DiagnosticsSection("test-email", "Last test email", facts, findings());
    }
}
