package dev.mailwright.outbox.spi;

import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.LastFailure;
import java.time.Instant;
import java.util.Objects;

/**
 * What became of a claimed entry; a store records it only while the entry is still leased to the
 * node that sends it (see {@link OutboxStore#settle}).
 */
public sealed interface Outcome {

    /** @return the entry */
    ClaimedEntry entry();

    /** @return the state the entry moves to */
    EntryState state();

    /**
     * The server accepted the message.
     *
     * @param entry the entry
     * @param queueId the server's queue id, or null
     * @param at when
     */
    record Sent(ClaimedEntry entry, String queueId, Instant at) implements Outcome {
        /** Validates the fields. */
        public Sent {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public EntryState state() {
            return EntryState.SENT;
        }
    }

    /**
     * A transient failure: due again at {@code nextAttempt}.
     *
     * @param entry the entry
     * @param failure what happened
     * @param nextAttempt when it is due again
     */
    record Deferred(ClaimedEntry entry, LastFailure failure, Instant nextAttempt) implements Outcome {
        /** Validates the fields. */
        public Deferred {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(nextAttempt, "nextAttempt");
        }

        @Override
        public EntryState state() {
            return EntryState.QUEUED;
        }
    }

    /**
     * Refused for good ({@link EntryState#FAILED}) or dead-lettered at the end of its lifetime
     * ({@link EntryState#DEAD}).
     *
     * @param entry the entry
     * @param state FAILED or DEAD
     * @param failure what happened
     * @param at when
     */
    record Finished(ClaimedEntry entry, EntryState state, LastFailure failure, Instant at) implements Outcome {
        /** Validates the fields. */
        public Finished {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(at, "at");
            if (state != EntryState.FAILED && state != EntryState.DEAD) {
                throw new IllegalArgumentException("a finished outcome is FAILED or DEAD, not " + state);
            }
        }
    }

    /**
     * Not attempted after all (its domain was at its limit, or the node is stopping): queued again,
     * due as before, and the attempt is not counted.
     *
     * @param entry the entry
     */
    record Released(ClaimedEntry entry) implements Outcome {
        /** Validates the fields. */
        public Released {
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public EntryState state() {
            return EntryState.QUEUED;
        }
    }
}
