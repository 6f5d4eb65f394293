package dev.mailwright.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry as an administrator sees it (without the message's bytes).
 *
 * @param id the entry's id
 * @param idempotencyKey its key
 * @param state where it is
 * @param recipient the envelope recipient
 * @param domain the recipient's domain, lower case
 * @param messageId the Message-ID, with angle brackets
 * @param summary the subject, cut to 200 characters
 * @param createdAt when it was enqueued
 * @param dueAt when it is (or was) due
 * @param attempts attempts started so far
 * @param leaseOwner the node sending it, or null
 * @param finishedAt when it was sent, failed or dead-lettered, or null
 * @param queueId the server's queue id once sent, or null
 * @param lastFailure the last failure, or null
 */
public record OutboxEntry(long id, String idempotencyKey, EntryState state, String recipient, String domain, String messageId,
        String summary, Instant createdAt, Instant dueAt, int attempts, String leaseOwner, Instant finishedAt, String queueId,
        LastFailure lastFailure) {
    /** Validates the required fields. */
    public OutboxEntry {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dueAt, "dueAt");
    }

    /** @return the last failure, when there was one */
    public Optional<LastFailure> failure() {
        return Optional.ofNullable(lastFailure);
    }
}
