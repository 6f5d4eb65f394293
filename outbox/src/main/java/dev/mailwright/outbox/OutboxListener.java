package dev.mailwright.outbox;

import java.time.Instant;

/**
 * Metrics hooks: bind them to the host's metrics library (Micrometer, Prometheus, Dropwizard); no
 * metrics library is needed. Called on the outbox's threads; implementations are quick and never
 * throw (an exception is logged and ignored). Every method does nothing by default.
 */
public interface OutboxListener {
    /** Does nothing. */
    OutboxListener NONE = new OutboxListener() {
    };

    /** @param event an entry was stored (not called for a duplicate key) */
    default void enqueued(EntryEvent event) {
    }

    /**
     * @param event an entry was accepted by the server
     * @param queueId the server's queue id, or null
     */
    default void sent(EntryEvent event, String queueId) {
    }

    /**
     * @param event an entry failed transiently
     * @param nextAttempt when it is tried again
     */
    default void deferred(EntryEvent event, Instant nextAttempt) {
    }

    /** @param event an entry was refused for good */
    default void failed(EntryEvent event) {
    }

    /** @param event an entry was dead-lettered at the end of its lifetime */
    default void dead(EntryEvent event) {
    }

    /** @param status the counts and the age of the oldest due entry, taken periodically by each node */
    default void status(OutboxStatus status) {
    }
}
