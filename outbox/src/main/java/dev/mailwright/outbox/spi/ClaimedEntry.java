package dev.mailwright.outbox.spi;

import dev.mailwright.outbox.LastFailure;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An entry leased to a node, with what it needs to send it.
 *
 * @param id the entry's id
 * @param domain the recipient's domain
 * @param recipient the envelope recipient
 * @param envelopeFrom the envelope sender
 * @param messageId the Message-ID
 * @param content the message's bytes; not copied
 * @param createdAt when it was enqueued
 * @param lifetimeFrom when its lifetime started (enqueued, or retried by an administrator)
 * @param dueAt when it was due
 * @param attempts attempts started, this one included
 * @param lastFailure the previous failure, or null
 */
public record ClaimedEntry(long id, String domain, String recipient, String envelopeFrom, String messageId, byte[] content,
        Instant createdAt, Instant lifetimeFrom, Instant dueAt, int attempts, LastFailure lastFailure) {
    /** Validates the fields. */
    public ClaimedEntry {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lifetimeFrom, "lifetimeFrom");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** @return the recipients for the envelope: this one */
    public List<String> recipients() {
        return List.of(recipient);
    }

    /** @return the id, the recipient and the Message-ID, never the content */
    @Override
    public String toString() {
        return "ClaimedEntry[" + id + ", " + recipient + ", " + messageId + ", attempt " + attempts + "]";
    }
}
