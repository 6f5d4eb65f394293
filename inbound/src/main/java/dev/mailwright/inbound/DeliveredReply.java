package dev.mailwright.inbound;

import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.spi.SenderVerdict;
import dev.mailwright.inbound.spi.SourceMessage;
import java.util.List;
import java.util.Objects;

/**
 * A verified reply, as handed to the host's {@link ReplyHandler}.
 *
 * @param target the thread (issue, pull request, commit comment, discussion) and the user the
 *     signed reply address designates
 * @param sender the address in {@code From}
 * @param senderVerdict what the sender check decided (the default accepts and says so)
 * @param authentication the DKIM/SPF/DMARC results of a trusted receiving server
 *     ({@link InboundPipeline.Builder#trustedAuthServIds}), or {@link AuthenticationResults#NONE}
 * @param text the new text of the reply, without quoted history and signature
 * @param removedText what was removed from the text, for a host to show collapsed
 * @param confidence the extractor's confidence, 0 to 1
 * @param attachments the attachments' metadata
 * @param messageId the Message-ID, with angle brackets, or empty when the message had none
 * @param deliveryKey the key the delivery is recorded under (a hash of the Message-ID, the target,
 *     the sender and the body); a host
 *     that stores it with the comment can make its write idempotent
 * @param possibleRedelivery true when an earlier attempt was interrupted by a crash while the
 *     handler ran: the host should check {@code deliveryKey} before writing
 * @param original the message as received
 * @param sanitized what was changed in the text or the attachments' names to make them safe (NUL
 *     characters removed, path elements dropped from a name such as {@code ../../etc/passwd}), one
 *     line each; empty when nothing was. A host may show it, or treat the reply with suspicion.
 */
public record DeliveredReply(ReplyTarget target, String sender, SenderVerdict senderVerdict,
        AuthenticationResults authentication, String text, String removedText, double confidence,
        List<AttachmentInfo> attachments, String messageId, String deliveryKey, boolean possibleRedelivery,
        SourceMessage original, List<String> sanitized) {

    /** Validates and copies the fields. */
    public DeliveredReply {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderVerdict, "senderVerdict");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(removedText, "removedText");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(original, "original");
        sanitized = List.copyOf(sanitized);
    }

    /** A reply in which nothing was sanitized (the constructor of earlier versions). */
    public DeliveredReply(ReplyTarget target, String sender, SenderVerdict senderVerdict,
            AuthenticationResults authentication, String text, String removedText, double confidence,
            List<AttachmentInfo> attachments, String messageId, String deliveryKey, boolean possibleRedelivery,
            SourceMessage original) {
        this(target, sender, senderVerdict, authentication, text, removedText, confidence, attachments, messageId,
                deliveryKey, possibleRedelivery, original, List.of());
    }

    /** @return this reply marked as a possible redelivery after a crash */
    public DeliveredReply asPossibleRedelivery() {
        return new DeliveredReply(target, sender, senderVerdict, authentication, text, removedText, confidence,
                attachments, messageId, deliveryKey, true, original, sanitized);
    }
}
