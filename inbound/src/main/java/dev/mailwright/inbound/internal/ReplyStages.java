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
import java.util.Set;
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
    private final Set<String> trustedAuthServIds;

    /**
     * @param parser stage 1
     * @param recipients stages 3 and 4
     * @param senderCheck stage 5
     * @param extractor stage 6
     * @param sentNotificationText the text of the notification answered, per target, or null
     * @param trustedAuthServIds the authserv-ids whose {@code Authentication-Results} are believed, lower case
     */
    public ReplyStages(MessageParser parser, RecipientStage recipients, SenderCheck senderCheck,
            ReplyTextExtractor extractor, Function<ReplyTarget, String> sentNotificationText,
            Set<String> trustedAuthServIds) {
        this.parser = parser;
        this.recipients = recipients;
        this.senderCheck = senderCheck;
        this.extractor = extractor;
        this.sentNotificationText = sentNotificationText;
        this.trustedAuthServIds = Set.copyOf(trustedAuthServIds);
    }

    /** The outcome of stages 1 to 6. */
    public sealed interface Outcome {
    }

    /**
     * @param disposition why the message stops
     * @param sender the From address, or empty
     * @param messageId the Message-ID, or empty
     * @param neverAnswer true for automated mail and for requests to unsubscribe: no rejection
     *     notice goes back to them
     */
    public record Stopped(Disposition disposition, String sender, String messageId, boolean neverAnswer)
            implements Outcome {
    }

    /**
     * @param reply the reply ready for the handler
     * @param answerable true when a rejection of it may be answered (its reply address is the envelope recipient)
     */
    public record Ready(DeliveredReply reply, boolean answerable) implements Outcome {
    }

    /**
     * @param request a verified request to unsubscribe, sent to the {@code List-Unsubscribe} mailto
     * @param deliveryKey the key of the message (Message-ID, target, sender and body hash), for the disposition
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
        // A request sent to the List-Unsubscribe mailto skips the automated-mail guard (clients may
        // mark it as generated); like automated mail it is never answered, so no loop can form.
        boolean unsubscribe = isUnsubscribe(m);
        if (!unsubscribe) {
            Optional<Disposition.Discarded> automated = AutomatedMailGuard.check(m);
            if (automated.isPresent()) {
                return new Stopped(automated.get(), m.from(), m.messageId(), true);
            }
        }
        RecipientStage.Outcome matched = recipients.evaluate(m);
        if (matched instanceof RecipientStage.Stopped stopped) {
            // a notice goes back only when the envelope recipient itself was the reply address
            return new Stopped(stopped.disposition(), m.from(), m.messageId(), unsubscribe || !stopped.inEnvelope());
        }
        boolean answerable = ((RecipientStage.Matched) matched).inEnvelope();
        ReplyTarget target = ((RecipientStage.Matched) matched).target();
        LOG.debug("Matched {} to {} {} for user {}{}", message.location(),
                target.type().name().toLowerCase(Locale.ROOT).replace('_', ' '), target.id(), target.userId(),
                unsubscribe ? " (a request to unsubscribe)" : "");
        AuthenticationResults auth = AuthenticationResults.parse(m.headers("Authentication-Results"), trustedAuthServIds);
        if (m.from().isEmpty()) {
            return new Stopped(new Disposition.Rejected("sender.missing", "the message has no readable From address"),
                    "", m.messageId(), unsubscribe || !answerable);
        }
        SenderVerdict verdict = senderCheck.check(new SenderCheckInput(target, m.from(), auth));
        if (!verdict.accepted()) {
            return new Stopped(new Disposition.Rejected("sender.refused", "the sender " + m.from() + " may not "
                    + (unsubscribe ? "unsubscribe" : "reply as") + " user " + target.userId() + ": " + verdict.reason()),
                    m.from(), m.messageId(), unsubscribe || !answerable);
        }
        String deliveryKey = deliveryKey(m.messageId(), target, m.from(), message.content());
        if (unsubscribe) {
            return new Unsubscribe(new UnsubscribeRequest(target, m.from(), verdict, auth, m.messageId(), message),
                    deliveryKey);
        }
        ExtractedReply extracted = extractor.extract(new ReplyInput(m.text(), m.html(),
                sentNotificationText.apply(target)));
        if (extracted.isEmpty()) {
            return new Stopped(new Disposition.Rejected("text.empty",
                    "no new text found in the reply (only quoted history or a signature)"), m.from(), m.messageId(), !answerable);
        }
        return new Ready(new DeliveredReply(target, m.from(), verdict, auth, extracted.text(), extracted.removed(),
                extracted.confidence(), m.attachments(), m.messageId(), deliveryKey, false, message, m.sanitized()),
                answerable);
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
     * @param messageId the Message-ID, or empty
     * @param target the verified reply address's thread and user
     * @param sender the From address, lower case
     * @param raw the raw message
     * @return 32 hex digits: SHA-256 over the Message-ID, the target, the sender and the body (the
     *     part after the header, which MTAs leave unchanged when they redeliver with added trace
     *     headers); two people answering "LGTM" to two threads without a Message-ID get two keys
     */
    public static String deliveryKey(String messageId, ReplyTarget target, String sender, byte[] raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String who = messageId + "\0" + target.type().name() + " " + target.id() + " " + target.userId() + "\0" + sender;
            sha.update(who.getBytes(StandardCharsets.UTF_8));
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
