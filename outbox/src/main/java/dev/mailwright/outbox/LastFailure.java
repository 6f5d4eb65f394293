package dev.mailwright.outbox;

import java.util.Objects;
import java.util.Optional;

/**
 * The last failure of an entry, as classified when it happened.
 *
 * @param category the failure category's name ({@code TRANSIENT}, {@code CONNECTION_REFUSED},
 *     {@code RECIPIENT_REJECTED}...), as {@link dev.mailwright.smtp.FailureCategory} names it
 * @param replyCode the server's reply code, or 0 when the failure was not a reply (refused connection, timeout)
 * @param enhancedStatus the enhanced status code ({@code 4.7.28}), or null
 * @param detail what happened, in one line, never a secret
 */
public record LastFailure(String category, int replyCode, String enhancedStatus, String detail) {
    /** The longest detail kept; longer ones are cut. */
    public static final int MAX_DETAIL = 1000;

    /** Validates the fields and cuts an overlong detail. */
    public LastFailure {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(detail, "detail");
        if (replyCode != 0 && (replyCode < 200 || replyCode > 599)) {
            throw new IllegalArgumentException("reply code must be 0 or 200-599, was " + replyCode);
        }
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        }
    }

    /** @return the reply code, when the server gave one */
    public Optional<Integer> reply() {
        return replyCode == 0 ? Optional.empty() : Optional.of(replyCode);
    }

    @Override
    public String toString() {
        return category + (replyCode == 0 ? "" : " " + replyCode) + (enhancedStatus == null ? "" : " " + enhancedStatus)
                + ": " + detail;
    }
}
