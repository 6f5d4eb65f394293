package dev.mailwright.outbox.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry to store: a composed message for one recipient and its bookkeeping.
 *
 * @param idempotencyKey the key; a second entry with the same key is not stored
 * @param domain the recipient's domain, lower case
 * @param recipient the envelope recipient
 * @param envelopeFrom the envelope sender
 * @param messageId the Message-ID, with angle brackets
 * @param summary the subject, at most 200 characters
 * @param content the message's bytes (CRLF line ends); not copied
 * @param createdAt when it was enqueued (also the start of its lifetime)
 * @param dueAt when it is first due
 */
public record NewEntry(String idempotencyKey, String domain, String recipient, String envelopeFrom, String messageId,
        String summary, byte[] content, Instant createdAt, Instant dueAt) {
    /** Validates the fields. */
    public NewEntry {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(envelopeFrom, "envelopeFrom");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dueAt, "dueAt");
        if (summary.length() > 200) {
            throw new IllegalArgumentException("summary longer than 200 characters: " + summary.length());
        }
    }

    /** @return the key and the recipient, never the content */
    @Override
    public String toString() {
        return "NewEntry[" + idempotencyKey + ", " + recipient + ", " + messageId + ", " + content.length + " bytes]";
    }
}
