package dev.mailwright.outbox;

import java.util.Objects;

/**
 * What {@link Outbox#enqueue(dev.mailwright.smtp.Notification)} returns once the entry is durable.
 *
 * @param id the entry's id in the store
 * @param idempotencyKey the entry's key (the host's, or derived from the Message-ID and the recipient)
 * @param duplicate true when an entry with this key was already stored: nothing new was stored and
 *     {@code id} is the existing entry's
 */
public record Enqueued(long id, String idempotencyKey, boolean duplicate) {
    /** Validates the fields. */
    public Enqueued {
        if (id <= 0) {
            throw new IllegalArgumentException("entry id must be positive, was " + id);
        }
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }
}
