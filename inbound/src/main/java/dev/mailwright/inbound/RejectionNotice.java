package dev.mailwright.inbound;

import java.util.Objects;

/**
 * A notice the host may send to the author of a rejected reply (never for automated mail, at most
 * once per sender and reason per day).
 *
 * @param recipient the sender of the rejected reply
 * @param code the rejection's machine-readable reason
 * @param reason the rejection in plain words
 * @param messageId the rejected message's Message-ID, or empty
 */
public record RejectionNotice(String recipient, String code, String reason, String messageId) {
    /** Validates the fields. */
    public RejectionNotice {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(messageId, "messageId");
    }
}
