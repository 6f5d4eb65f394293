package dev.mailwright.smtp;

/**
 * Who caused the notification; shown as the display name of {@code From}.
 *
 * @param login the account name, for the sender header
 * @param displayName the name shown in {@code From}; any Unicode, no control characters
 */
public record Actor(String login, String displayName) {
    /** Validates the fields. */
    public Actor {
        Texts.token(login, "actor login", "-_.");
        Texts.headerSafe(displayName, "actor display name");
    }
}
