package dev.mailwright.smtp;

import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.core.suppression.SuppressionEntry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of sending one message: an expected outcome, never an exception.
 */
public sealed interface SendResult {

    /** @return the Message-ID of the message, with angle brackets */
    String messageId();

    /** @return what the server said about each envelope recipient (may be empty when it failed before RCPT) */
    List<RecipientStatus> recipients();

    /** @return how many attempts were made (1 when the first one settled it; 0 when nothing was sent) */
    int attempts();

    /** @return true for {@link Sent} */
    default boolean isSent() {
        return this instanceof Sent;
    }

    /**
     * The server accepted the message for at least one recipient.
     *
     * @param messageId the Message-ID
     * @param recipients each recipient, accepted or rejected
     * @param finalReply the server's reply to the end of DATA, or null (memory, pickup)
     * @param queueId the server's queue id from that reply ({@code queued as 4XyZ}), or null
     * @param attempts attempts made
     */
    record Sent(String messageId, List<RecipientStatus> recipients, SmtpReply finalReply, String queueId, int attempts)
            implements SendResult {
        /** Validates and copies. */
        public Sent {
            Objects.requireNonNull(messageId, "messageId");
            recipients = List.copyOf(recipients);
            requirePositive(attempts);
        }

        /** @return the queue id, when the server gave one */
        public Optional<String> queue() {
            return Optional.ofNullable(queueId);
        }

        /** @return a copy with another attempt count */
        public Sent withAttempts(int n) {
            return new Sent(messageId, recipients, finalReply, queueId, n);
        }
    }

    /**
     * The message was not accepted for any recipient.
     *
     * @param messageId the Message-ID
     * @param failure why, in the vocabulary the test email and the transcript analyzer share
     *     (its {@link FailureClass#category() category} is what a program acts on)
     * @param reply the server's reply that refused it, or null when the failure was not a reply
     *     (refused connection, timeout, certificate)
     * @param detail what happened, in one line, never a secret
     * @param recipients each recipient known so far
     * @param attempts attempts made
     */
    record Failed(String messageId, FailureClass failure, SmtpReply reply, String detail,
            List<RecipientStatus> recipients, int attempts) implements SendResult {
        /** Validates and copies. */
        public Failed {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
            recipients = List.copyOf(recipients);
            requirePositive(attempts);
        }

        /** @return the failure's category, for a program to act on; {@code failure().category()} */
        public FailureCategory category() {
            return failure.category();
        }

        /** @return what to do about it; {@code failure().remedy()} */
        public String remedy() {
            return failure.remedy();
        }

        /** @return the refusing reply, when there was one */
        public Optional<SmtpReply> serverReply() {
            return Optional.ofNullable(reply);
        }

        /** @return a copy with another attempt count */
        public Failed withAttempts(int n) {
            return new Failed(messageId, failure, reply, detail, recipients, n);
        }
    }

    /**
     * Nothing was sent: every recipient is on the suppression list (it bounced or complained). The
     * host may show it, or ask the user to confirm the address and lift the suppression.
     *
     * @param messageId the Message-ID of the message that was not sent
     * @param suppressed the entry of each suppressed recipient, with the reason
     */
    record Suppressed(String messageId, List<SuppressionEntry> suppressed) implements SendResult {
        /** Validates and copies. */
        public Suppressed {
            Objects.requireNonNull(messageId, "messageId");
            suppressed = List.copyOf(suppressed);
            if (suppressed.isEmpty()) {
                throw new IllegalArgumentException("a suppressed send names at least one suppressed recipient");
            }
        }

        /** @return each suppressed recipient, not accepted, without server reply */
        @Override
        public List<RecipientStatus> recipients() {
            return suppressed.stream().map(e -> new RecipientStatus(e.address(), false, null)).toList();
        }

        /** @return 0: nothing was sent */
        @Override
        public int attempts() {
            return 0;
        }
    }

    private static void requirePositive(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }
}
