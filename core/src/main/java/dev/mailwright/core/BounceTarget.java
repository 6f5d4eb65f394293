package dev.mailwright.core;

import java.util.Locale;
import java.util.Objects;

/**
 * What a bounce address designates: the notification (its thread and the user it was for, as in
 * the reply address) and the exact address it was sent to.
 *
 * @param notification the thread and user of the notification
 * @param recipient the address the notification was sent to, lower case (addresses are compared
 *     without case, as the suppression list does)
 */
public record BounceTarget(ReplyTarget notification, String recipient) {
    /** Validates the fields and lower-cases the recipient. */
    public BounceTarget {
        Objects.requireNonNull(notification, "notification");
        recipient = EmailAddresses.require(recipient, "bounce recipient").toLowerCase(Locale.ROOT);
    }
}
