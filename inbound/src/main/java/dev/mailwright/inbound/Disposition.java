package dev.mailwright.inbound;

import dev.mailwright.core.NewThreadScope;
import dev.mailwright.core.ReplyTarget;
import java.time.Instant;
import java.util.Objects;

/**
 * What became of one incoming message: the expected outcomes of the pipeline, each filed by the
 * source into its own folder (success, failure, discarded) or kept for a later attempt. The
 * stage that decided is named in the reason the message is filed with.
 */
public sealed interface Disposition {

    /** @return the folder name a maildir source files this disposition into */
    String folder();

    /**
     * The host accepted the message: its {@link ReplyHandler} took the reply, its
     * {@link UnsubscribeHandler} the request to unsubscribe, or (for a bounce) its
     * {@link dev.mailwright.inbound.bounce.BounceHandler} and suppression list the report.
     *
     * @param target the thread and user the reply was delivered to (for a bounce: of the notification that bounced)
     * @param deliveryKey the key under which the delivery was recorded (Message-ID plus content hash;
     *     for a bounce, the report's Message-ID, or the message's id in its source when it has none)
     */
    record Delivered(ReplyTarget target, String deliveryKey) implements Disposition {
        /** Validates the fields. */
        public Delivered {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(deliveryKey, "deliveryKey");
        }

        @Override
        public String folder() {
            return "success";
        }
    }

    /**
     * The host's {@link NewThreadHandler} took mail sent to a new-thread address: it opened the
     * thread or holds the mail for moderation ({@link NewThreadDecision.Refused} is filed as
     * {@link Rejected} with the host's code).
     *
     * @param scope the place the new-thread address names
     * @param decision what the host did: {@link NewThreadDecision.Created} or {@link NewThreadDecision.HeldForModeration}
     * @param deliveryKey the key under which the delivery was recorded (Message-ID plus content hash)
     */
    record NewThread(NewThreadScope scope, NewThreadDecision decision, String deliveryKey) implements Disposition {
        /** Validates the fields. */
        public NewThread {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(deliveryKey, "deliveryKey");
            if (decision instanceof NewThreadDecision.Refused) {
                throw new IllegalArgumentException("a refused new thread is filed as Rejected, not as NewThread");
            }
        }

        @Override
        public String folder() {
            return "success";
        }
    }

    /**
     * The message was refused: malformed, over a limit, forged or unknown reply address, sender
     * refused, handler failing too often.
     *
     * @param code a stable, machine-readable reason such as {@code address.forged}
     * @param reason what was wrong, in plain words, with the values involved
     */
    record Rejected(String code, String reason) implements Disposition {
        /** Validates the fields. */
        public Rejected {
            requireText(code, "code");
            requireText(reason, "reason");
        }

        @Override
        public String folder() {
            return "failure";
        }
    }

    /**
     * The message was deliberately dropped without answer: automated mail, mail to the no-reply
     * address, an already delivered duplicate.
     *
     * @param code a stable, machine-readable reason such as {@code automated.auto-submitted}
     * @param reason what was found, in plain words
     */
    record Discarded(String code, String reason) implements Disposition {
        /** Validates the fields. */
        public Discarded {
            requireText(code, "code");
            requireText(reason, "reason");
        }

        @Override
        public String folder() {
            return "discarded";
        }
    }

    /**
     * The handler failed (or another process is delivering the same reply): try again later.
     *
     * @param reason why, with the handler's error message
     * @param attempt the attempt that just failed, from 1
     * @param notBefore the earliest time of the next attempt
     */
    record RetryLater(String reason, int attempt, Instant notBefore) implements Disposition {
        /** Validates the fields. */
        public RetryLater {
            requireText(reason, "reason");
            Objects.requireNonNull(notBefore, "notBefore");
            if (attempt < 1) {
                throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
            }
        }

        @Override
        public String folder() {
            return "retry";
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
