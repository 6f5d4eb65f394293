package dev.mailwright.inbound;

import java.util.Objects;

/**
 * What the host's {@link NewThreadHandler} did with mail to a new-thread address. The pipeline
 * files {@link Created} and {@link HeldForModeration} as success and {@link Refused} as failure
 * (with a throttled rejection notice to the sender when asked for).
 */
public sealed interface NewThreadDecision {

    /**
     * The host opened the thread.
     *
     * @param reference the host's name for the new thread, for logs (such as {@code acme/widgets#42})
     */
    record Created(String reference) implements NewThreadDecision {
        /** Validates the fields. */
        public Created {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * The host keeps the mail for a moderator (a sender without an account, say).
     *
     * @param reason why, for logs
     */
    record HeldForModeration(String reason) implements NewThreadDecision {
        /** Validates the fields. */
        public HeldForModeration {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The host will not open a thread.
     *
     * @param code a stable, machine-readable reason such as {@code newthread.unknown-sender}
     * @param reason what was wrong, in plain words, for the sender's notice and the logs
     * @param notifySender whether the sender gets a rejection notice (throttled per sender and code)
     */
    record Refused(String code, String reason, boolean notifySender) implements NewThreadDecision {
        /** Validates the fields. */
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            if (code.isBlank() || reason.isBlank()) {
                throw new IllegalArgumentException("Refused needs a code and a reason, got '" + code + "' and '" + reason + "'");
            }
        }
    }
}
