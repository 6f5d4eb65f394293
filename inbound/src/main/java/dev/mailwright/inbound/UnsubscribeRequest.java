package dev.mailwright.inbound;

import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.spi.SenderVerdict;
import dev.mailwright.inbound.spi.SourceMessage;
import java.util.Objects;

/**
 * A request to stop notifications about one thread, sent by mail: the {@code mailto:} of a
 * notification's {@code List-Unsubscribe} header (RFC 2369), which points at the signed reply
 * address with the subject {@code unsubscribe}. Such a message is never a comment; it is handed to
 * the host's {@link UnsubscribeHandler}.
 *
 * @param target the thread and the user the signed address designates
 * @param sender the address in {@code From}
 * @param senderVerdict what the sender check decided, as for replies
 * @param authentication the receiving server's DKIM/SPF/DMARC results
 * @param messageId the Message-ID, with angle brackets, or empty
 * @param original the message as received
 */
public record UnsubscribeRequest(ReplyTarget target, String sender, SenderVerdict senderVerdict,
        AuthenticationResults authentication, String messageId, SourceMessage original) {

    /** Validates the fields. */
    public UnsubscribeRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderVerdict, "senderVerdict");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(original, "original");
    }
}
