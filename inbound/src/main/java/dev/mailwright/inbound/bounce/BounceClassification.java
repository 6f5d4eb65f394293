package dev.mailwright.inbound.bounce;

import dev.mailwright.core.suppression.DeliveryProblem;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bounce says about its recipient's address: an expected outcome, never an exception.
 * {@link #problem()} is what the suppression list counts; auto-replies and undetermined reports
 * count nothing.
 */
public sealed interface BounceClassification {

    /** @return the problem the suppression list counts, or empty when this counts nothing */
    Optional<DeliveryProblem> problem();

    /** @return a one-line description: status, diagnostic or signal */
    String detail();

    /**
     * The address does not work: unknown user, disabled mailbox, no such domain.
     *
     * @param status the enhanced status code, such as {@code 5.1.1}, or "" when the report gave none
     * @param diagnostic what the receiving server said, one line, at most 300 characters
     */
    record Hard(String status, String diagnostic) implements BounceClassification {
        /** Validates and trims. */
        public Hard {
            status = Objects.requireNonNull(status, "status");
            diagnostic = Texts.line(diagnostic);
        }

        @Override
        public Optional<DeliveryProblem> problem() {
            return Optional.of(DeliveryProblem.HARD_BOUNCE);
        }

        @Override
        public String detail() {
            return Texts.join("hard bounce", status, diagnostic);
        }
    }

    /**
     * Delivery failed for now, or for a reason not tied to the address: mailbox full, 4.x.x, policy.
     *
     * @param status the enhanced status code, or ""
     * @param diagnostic what the receiving server said, one line
     */
    record Soft(String status, String diagnostic) implements BounceClassification {
        /** Validates and trims. */
        public Soft {
            status = Objects.requireNonNull(status, "status");
            diagnostic = Texts.line(diagnostic);
        }

        @Override
        public Optional<DeliveryProblem> problem() {
            return Optional.of(DeliveryProblem.SOFT_BOUNCE);
        }

        @Override
        public String detail() {
            return Texts.join("soft bounce", status, diagnostic);
        }
    }

    /**
     * The recipient reported the notification as spam or abuse (ARF).
     *
     * @param feedbackType the report's {@code Feedback-Type}, such as {@code abuse}
     * @param reporter the report's {@code User-Agent} or the sending system, "" when unknown
     */
    record Complaint(String feedbackType, String reporter) implements BounceClassification {
        /** Validates and trims. */
        public Complaint {
            feedbackType = Texts.line(feedbackType);
            reporter = Texts.line(reporter);
        }

        @Override
        public Optional<DeliveryProblem> problem() {
            return Optional.of(DeliveryProblem.COMPLAINT);
        }

        @Override
        public String detail() {
            return Texts.join("complaint", feedbackType, reporter);
        }
    }

    /**
     * An automatic reply (vacation, out of office) sent to the bounce address: the address works.
     *
     * @param signal the header or subject that shows it
     */
    record AutoReply(String signal) implements BounceClassification {
        /** Validates and trims. */
        public AutoReply {
            signal = Texts.line(signal);
        }

        @Override
        public Optional<DeliveryProblem> problem() {
            return Optional.empty();
        }

        @Override
        public String detail() {
            return Texts.join("auto-reply", signal);
        }
    }

    /**
     * Mail to a bounce address that says nothing usable about the address: a malformed report, a
     * report of successful delivery, a format not recognised. Counted as nothing.
     *
     * @param reason why it could not be classified
     */
    record Undetermined(String reason) implements BounceClassification {
        /** Validates and trims. */
        public Undetermined {
            reason = Texts.line(reason);
        }

        @Override
        public Optional<DeliveryProblem> problem() {
            return Optional.empty();
        }

        @Override
        public String detail() {
            return Texts.join("undetermined", reason);
        }
    }
}
