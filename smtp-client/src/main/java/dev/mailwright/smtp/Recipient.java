package dev.mailwright.smtp;

import dev.mailwright.core.EmailAddresses;

/**
 * Who receives the notification.
 *
 * @param address the recipient's email address, checked strictly
 * @param userId the host application's id of the user, signed into the reply address; positive
 * @param login the account name, for the recipient header
 */
public record Recipient(String address, long userId, String login) {
    /** Validates the fields. */
    public Recipient {
        EmailAddresses.require(address, "recipient address");
        if (userId <= 0) {
            throw new IllegalArgumentException("recipient user id must be positive, was " + userId);
        }
        Texts.token(login, "recipient login", "-_.");
    }
}
