package dev.mailwright.smtp.spi;

import dev.mailwright.core.EmailAddresses;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A composed message ready for a transport: the envelope and the exact bytes to deliver (CRLF line
 * ends, headers and body).
 *
 * @param messageId the Message-ID header's value, with angle brackets
 * @param envelopeFrom the {@code MAIL FROM} address: for notifications a bounce address (VERP), whose
 *     local part may be longer than 64 characters
 * @param recipients the {@code RCPT TO} addresses, at least one
 * @param content the message bytes; not copied, do not change them
 * @param deadline when the send must be settled, success or failure
 */
public record OutgoingMessage(String messageId, String envelopeFrom, List<String> recipients, byte[] content,
        Instant deadline) {
    /** Validates: strict addresses, at least one recipient. */
    public OutgoingMessage {
        Objects.requireNonNull(messageId, "messageId");
        java.util.Optional<String> senderProblem = EmailAddresses.envelopeSenderProblem(envelopeFrom);
        if (senderProblem.isPresent()) {
            throw new IllegalArgumentException("The envelope sender '" + EmailAddresses.printable(envelopeFrom)
                    + "' is not a valid email address: " + senderProblem.get() + ".");
        }
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an outgoing message needs at least one recipient");
        }
        recipients.forEach(r -> EmailAddresses.require(r, "envelope recipient"));
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** @return the content as text (UTF-8), for tests and previews */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** @return the message's size in bytes */
    public int size() {
        return content.length;
    }

    /** @return the envelope and size, never the content */
    @Override
    public String toString() {
        return "OutgoingMessage[" + messageId + ", from=" + envelopeFrom + ", to=" + recipients + ", " + content.length
                + " bytes, deadline=" + deadline + "]";
    }
}
