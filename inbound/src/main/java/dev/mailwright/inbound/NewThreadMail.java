package dev.mailwright.inbound;

import dev.mailwright.core.NewThreadScope;
import dev.mailwright.inbound.spi.SenderVerdict;
import dev.mailwright.inbound.spi.SourceMessage;
import java.util.List;
import java.util.Objects;

/**
 * Mail sent to a verified new-thread address ({@code reply+new-<scope type>-<scope id>-<token>@reply.<hostname>},
 * see {@link dev.mailwright.core.ReplyAddressCodec#encodeNewThread}), as handed to the host's
 * {@link NewThreadHandler}: the help-desk case, where writing to an address opens an issue, a
 * topic or a ticket. Unlike a {@link DeliveredReply} it answers no notification, so nothing is cut
 * but the signature, and the sender may be someone without an account.
 *
 * @param scope where the new thread goes (a repository, a project, a queue), from the signed address
 * @param sender the address in {@code From}
 * @param senderName the display name in {@code From}, or empty
 * @param senderVerdict what the sender check decided
 * @param authentication the receiving server's DKIM/SPF/DMARC results, for a host that admits
 *     strangers only with an aligned DMARC pass
 * @param subject the subject, decoded, or empty
 * @param text the full text of the message: the text part (or the HTML rendered as text) with
 *     only the signature removed
 * @param signature what was removed as signature, or empty
 * @param attachments the attachments' metadata (the content stays in {@code original})
 * @param messageId the Message-ID, with angle brackets, or empty
 * @param deliveryKey the key the delivery is recorded under (Message-ID plus content hash); a host
 *     that stores it with the new thread can make its write idempotent
 * @param possibleRedelivery true when an earlier attempt was interrupted by a crash while the
 *     handler ran: the host should check {@code deliveryKey} before creating the thread
 * @param original the message as received
 */
public record NewThreadMail(NewThreadScope scope, String sender, String senderName, SenderVerdict senderVerdict,
        AuthenticationResults authentication, String subject, String text, String signature,
        List<AttachmentInfo> attachments, String messageId, String deliveryKey, boolean possibleRedelivery,
        SourceMessage original) {

    /** Validates and copies the fields. */
    public NewThreadMail {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(senderVerdict, "senderVerdict");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signature, "signature");
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(original, "original");
    }
}
