package dev.mailwright.smtp;

import dev.mailwright.core.EmailAddresses;
import dev.mailwright.core.smtp.SmtpReply;
import java.util.Objects;

/**
 * What the server said about one envelope recipient.
 *
 * @param address the recipient
 * @param accepted true when the server accepted it ({@code RCPT TO} got 250 or 251)
 * @param reply the server's reply to {@code RCPT TO}, or null when the transport has none
 *     (memory and pickup transports, or a reply the server did not give)
 */
public record RecipientStatus(String address, boolean accepted, SmtpReply reply) {
    /** Validates the fields. */
    public RecipientStatus {
        Objects.requireNonNull(address, "address");
        Texts.headerSafe(EmailAddresses.printable(address), "recipient address");
    }

    /** @return an accepted recipient without server reply */
    public static RecipientStatus accepted(String address) {
        return new RecipientStatus(address, true, null);
    }
}
