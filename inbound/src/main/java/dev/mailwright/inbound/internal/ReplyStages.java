package dev.mailwright.inbound.internal;

import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.AuthenticationResults;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.UnsubscribeRequest;
import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import dev.mailwright.inbound.spi.SenderCheck;
import dev.mailwright.inbound.spi.SenderCheckInput;
import dev.mailwright.inbound.spi.SenderVerdict;
import dev.mailwright.inbound.spi.SourceMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages 1 to 6 of the pipeline for one message: parse, automated-mail guard, no-reply discard,
 * reply address, sender check, reply text. The handler and the disposition (stages 7 and 8)
 * belong to the pipeline, which batches them around the delivery ledger.
 */
public final class ReplyStages {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyStages.class);

    private final MessageParser parser;
    private final RecipientStage recipients;
    private final SenderCheck senderCheck;
    private final ReplyTextExtractor extractor;
    private final Function<ReplyTarget, String> sentNotificationText;

    /**
     * @param parser stage 1
     * @param recipients stages 3 and 4
     * @param senderCheck stage 5
     * @param extractor stage 6
     * @param sentNotificationText the text of the notification answered, per target, or null
     */
    public ReplyStages(MessageParser parser, RecipientStage recipients, SenderCheck senderCheck,
            ReplyTextExtractor extractor, Function<ReplyTarget, String> sentNotificationText) {
        this.parser = parser;
        this.recipients = recipients;
        this.senderCheck = senderCheck;
        this.extractor = extractor;
        this.sentNotificationText = sentNotificationText;
    }

    /** The outcome of stages 1 to 6. */
    public sealed interface Outcome {
    }

    /**
     * @param disposition why the message stops
     * @param sender the From address, or empty
     * @param messageId the Message-ID, or empty
     * @param automated true when the message was recognised as automated (never answer it)
     */
    public record Stopped(Disposition disposition, String sender, String messageId, boolean automated)
            implements Outcome {
    }

    /** @param reply the reply ready for the handler */
    public record Ready(DeliveredReply reply) implements Outcome {
    }

    /**
     * @param request a verified request to unsubscribe, sent to the {@code List-Unsubscribe} mailto
     * @param deliveryKey the key of the message (Message-ID plus content hash), for the disposition
     */
    public record Unsubscribe(UnsubscribeRequest request, String deliveryKey) implements Outcome {
    }

    /**
     * @param message the claimed message
     * @return the reply ready for the handler, or why the message stops
     */
    public Outcome run(SourceMessage message) {
        MessageParser.Outcome parsed = parser.parse(message.content());
        if (parsed instanceof MessageParser.Failed failed) {
            LOG.info("processing {} ({})", message.id(), failed.rejection().reason());
            return new Stopped(failed.rejection(), "", "", false);
        }
        ParsedMessage m = ((MessageParser.Parsed) parsed).message();
        LOG.info("processing {}", m.messageId().isEmpty() ? "(no Message-ID) " + message.id() : m.messageId());
        if (isUnsubscribe(m)) {
            // before the automated-mail guard: mail clients may mark these as auto-generated, and
            // they are never answered, so no loop can form
            Outcome unsubscribe = unsubscribe(message, m);
            if (unsubscribe != null) {
                return unsubscribe;
            }
        }
        Optional<Disposition.Discarded> automated = AutomatedMailGuard.check(m);
        if (automated.isPresent()) {
            return new Stopped(automated.get(), m.from(), m.messageId(), true);
        }
        RecipientStage.Outcome matched = recipients.evaluate(m);
        if (matched instanceof RecipientStage.Stopped stopped) {
            return new Stopped(stopped.disposition(), m.from(), m.messageId(), false);
        }
        RecipientStage.Matched match = (RecipientStage.Matched) matched;
        LOG.debug("Matched {} to {} {} for user {}", message.location(),
                match.target().type().name().toLowerCase(Locale.ROOT).replace('_', ' '), match.target().id(),
                match.target().userId());
        AuthenticationResults auth = AuthenticationResults.parse(m.headers("Authentication-Results"));
        if (m.from().isEmpty()) {
            return new Stopped(new Disposition.Rejected("sender.missing", "the message has no readable From address"),
                    "", m.messageId(), false);
        }
        SenderVerdict verdict = senderCheck.check(new SenderCheckInput(match.target(), m.from(), auth));
        if (!verdict.accepted()) {
            return new Stopped(new Disposition.Rejected("sender.refused", "the sender " + m.from()
                    + " may not reply as user " + match.target().userId() + ": " + verdict.reason()),
                    m.from(), m.messageId(), false);
        }
        ExtractedReply extracted = extractor.extract(new ReplyInput(m.text(), m.html(),
                sentNotificationText.apply(match.target())));
        if (extracted.isEmpty()) {
            return new Stopped(new Disposition.Rejected("text.empty",
                    "no new text found in the reply (only quoted history or a signature)"), m.from(), m.messageId(), false);
        }
        return new Ready(new DeliveredReply(match.target(), m.from(), verdict, auth, extracted.text(), extracted.removed(),
                extracted.confidence(), m.attachments(), m.messageId(), deliveryKey(m.messageId(), message.content()),
                false, message));
    }

    /** @return true when the subject is exactly {@code unsubscribe}, as the List-Unsubscribe mailto sets it */
    private static boolean isUnsubscribe(ParsedMessage m) {
        String subject;
        try {
            subject = m.mime().getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
        return subject != null && subject.strip().equalsIgnoreCase("unsubscribe");
    }

    /**
     * The reply address and the sender are checked as for a reply; a request that fails them stops
     * here with the same reasons.
     *
     * @return the request or why it stops; null when the message is not addressed to a reply
     *     address at all (then the ordinary stages decide)
     */
    private Outcome unsubscribe(SourceMessage message, ParsedMessage m) {
        RecipientStage.Outcome matched = recipients.evaluate(m);
        if (matched instanceof RecipientStage.Stopped) {
            return null;
        }
        ReplyTarget target = ((RecipientStage.Matched) matched).target();
        if (m.from().isEmpty()) {
            return new Stopped(new Disposition.Rejected("sender.missing", "the message has no readable From address"),
                    "", m.messageId(), true);
        }
        AuthenticationResults auth = AuthenticationResults.parse(m.headers("Authentication-Results"));
        SenderVerdict verdict = senderCheck.check(new SenderCheckInput(target, m.from(), auth));
        if (!verdict.accepted()) {
            return new Stopped(new Disposition.Rejected("sender.refused", "the sender " + m.from()
                    + " may not unsubscribe user " + target.userId() + ": " + verdict.reason()),
                    m.from(), m.messageId(), true);
        }
        LOG.debug("Matched {} to an unsubscribe request for {} {} by user {}", message.location(),
                target.type().name().toLowerCase(Locale.ROOT).replace('_', ' '), target.id(), target.userId());
        return new Unsubscribe(new UnsubscribeRequest(target, m.from(), verdict, auth, m.messageId(), message),
                deliveryKey(m.messageId(), message.content()));
    }

    /**
     * @param messageId the Message-ID, or empty
     * @param raw the raw message
     * @return 32 hex digits: SHA-256 over the Message-ID and the body (the part after the header,
     *     which MTAs leave unchanged when they redeliver with added trace headers)
     */
    public static String deliveryKey(String messageId, byte[] raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(messageId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            int body = bodyStart(raw);
            sha.update(raw, body, raw.length - body);
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static int bodyStart(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n'))) {
                return raw[i + 1] == '\n' ? i + 2 : i + 3;
            }
        }
        return raw.length;
    }
}
