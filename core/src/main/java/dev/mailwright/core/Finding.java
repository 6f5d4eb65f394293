package dev.mailwright.core;

import java.util.List;
import java.util.Objects;

/**
 * One thing a diagnosis found, shared by the transcript analyzer, the DNS checks and the
 * diagnostics report; {@link dev.mailwright.core.diagnostics.ReportRenderer} prints every one the
 * same way.
 *
 * @param severity how much it matters
 * @param code a stable, machine-readable code such as {@code smtp.auth.rejected} or
 *     {@code dns.reply.mx.missing}
 * @param message what was found, in plain words, with the values involved
 * @param remedy what an administrator should do about it; empty for {@link Severity#INFO} and
 *     {@link Severity#PASS} findings that need nothing
 * @param evidence the lines (of a transcript, of a DNS answer) that show it; never a secret
 */
public record Finding(Severity severity, String code, String message, String remedy, List<String> evidence) {

    /** Validates and copies the evidence list. */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        remedy = remedy == null ? "" : remedy;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        if (code.isBlank()) {
            throw new IllegalArgumentException("Finding code must not be blank");
        }
    }

    /** @return an informational finding without remedy or evidence */
    public static Finding info(String code, String message, String... evidence) {
        return new Finding(Severity.INFO, code, message, "", List.of(evidence));
    }

    /** @return a passed check without remedy */
    public static Finding pass(String code, String message, String... evidence) {
        return new Finding(Severity.PASS, code, message, "", List.of(evidence));
    }

    /** @return a warning with its remedy */
    public static Finding warning(String code, String message, String remedy, String... evidence) {
        return new Finding(Severity.WARNING, code, message, remedy, List.of(evidence));
    }

    /** @return a failure with its remedy */
    public static Finding failure(String code, String message, String remedy, String... evidence) {
        return new Finding(Severity.FAILURE, code, message, remedy, List.of(evidence));
    }
}
