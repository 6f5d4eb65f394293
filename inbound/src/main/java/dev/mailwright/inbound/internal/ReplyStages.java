package dev.mailwright.inbound.internal;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.core.NewThreadScope;
import dev.mailwright.core.ReplyTarget;
import dev.mailwright.inbound.AuthenticationResults;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.reply.ExtractedReply;
import dev.mailwright.inbound.reply.ReplyInput;
import dev.mailwright.inbound.reply.ReplyTextExtractor;
import dev.mailwright.inbound.spi.InboundStage;
import dev.mailwright.inbound.spi.SenderCheck;
import dev.mailwright.inbound.spi.SenderCheckInput;
import dev.mailwright.inbound.spi.SenderVerdict;
import dev.mailwright.inbound.spi.SourceMessage;
import dev.mailwright.inbound.spi.StageResult;
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
 * The built-in stages that read a reply: {@code parse}, {@code automated-guard}, {@code recipient},
 * {@code sender-check} and {@code extract} (see {@link InboundStage}). Each is an
 * {@link InboundStage} the {@link StageChain} runs in order; what one finds is left in the
 * {@link Exchange} for the next.
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
     * @param parser the parse stage's parser
     * @param recipients the recipient stage's rules
     * @param senderCheck the check the sender-check stage asks
     * @param extractor the extract stage's extractor
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

    /** @return the parse stage: malformed mail and mail over a limit are rejected */
    public InboundStage parse() {
        return ctx -> {
            Exchange x = (Exchange) ctx;
            SourceMessage message = x.source();
            MessageParser.Outcome parsed = parser.parse(message.content());
            if (parsed instanceof MessageParser.Failed failed) {
                LOG.info("processing {} ({})", message.id(), failed.rejection().reason());
                return x.stop(failed.rejection());
            }
            ParsedMessage m = ((MessageParser.Parsed) parsed).message();
            LOG.info("processing {}", m.messageId().isEmpty() ? "(no Message-ID) " + message.id() : m.messageId());
            x.parsed(m);
            return x.pass();
        };
    }

    /**
     * @return the automated-guard stage: automated mail is discarded without answer. A request sent
     *     to the List-Unsubscribe mailto passes (clients may mark it as generated); like automated
     *     mail it is never answered, so no loop can form.
     */
    public static InboundStage automatedGuard() {
        return ctx -> {
            Exchange x = (Exchange) ctx;
            if (x.isUnsubscribeRequest()) {
                return x.pass();
            }
            Optional<Disposition.Discarded> automated = AutomatedMailGuard.check(x.parsed());
            return automated.isPresent() ? x.stop(automated.get()) : x.pass();
        };
    }

    /**
     * @return the recipient stage: mail to the no-reply address is discarded (when configured); the
     *     reply or new-thread address is verified; a rejection is answered only when the envelope
     *     recipient itself was the address
     */
    public InboundStage recipient() {
        return ctx -> {
            Exchange x = (Exchange) ctx;
            RecipientStage.Outcome matched = recipients.evaluate(x.parsed());
            if (matched instanceof RecipientStage.Stopped stopped) {
                return new StageResult.Stop(stopped.disposition(), stopped.inEnvelope() && !x.isUnsubscribeRequest());
            }
            RecipientStage.Matched found = (RecipientStage.Matched) matched;
            x.address(found.result(), found.inEnvelope());
            if (found.result() instanceof DecodeResult.Valid valid) {
                ReplyTarget target = valid.target();
                LOG.debug("Matched {} to {} {} for user {}{}", x.source().location(),
                        target.type().name().toLowerCase(Locale.ROOT).replace('_', ' '), target.id(), target.userId(),
                        x.isUnsubscribeRequest() ? " (a request to unsubscribe)" : "");
            }
            return x.pass();
        };
    }

    /**
     * @return the sender-check stage: mail without a readable From is rejected; for a reply address
     *     the configured {@link SenderCheck} decides; a new-thread address names a place, not a
     *     user, so its handler decides who may write
     */
    public InboundStage senderCheck() {
        return ctx -> {
            Exchange x = (Exchange) ctx;
            ParsedMessage m = x.parsed();
            DecodeResult address = x.address().orElseThrow(() -> new IllegalStateException(
                    "the stage 'sender-check' needs the stage 'recipient' before it"));
            AuthenticationResults auth = AuthenticationResults.parse(m.headers("Authentication-Results"), trustedAuthServIds);
            if (m.from().isEmpty()) {
                return new StageResult.Stop(new Disposition.Rejected("sender.missing",
                        "the message has no readable From address"), false);
            }
            if (!(address instanceof DecodeResult.Valid valid)) {
                x.sender(auth, SenderVerdict.accept("not checked: a new-thread address names a place, not a user;"
                        + " the new-thread handler decides who may write"), "");
                return x.pass();
            }
            ReplyTarget target = valid.target();
            SenderVerdict verdict = senderCheck.check(new SenderCheckInput(target, m.from(), auth));
            if (!verdict.accepted()) {
                return new StageResult.Stop(new Disposition.Rejected("sender.refused", "the sender " + m.from()
                        + " may not " + (x.isUnsubscribeRequest() ? "unsubscribe" : "reply as") + " user "
                        + target.userId() + ": " + verdict.reason()), x.answerable());
            }
            x.sender(auth, verdict, deliveryKey(m.messageId(), target, m.from(), x.source().content()));
            return x.pass();
        };
    }

    /** @return the extract stage: the new text of the reply, which is then ready for the deliver stage */
    public InboundStage extract() {
        return ctx -> {
            Exchange x = (Exchange) ctx;
            if (!(x.address().orElse(null) instanceof DecodeResult.Valid valid) || x.newThread() != null) {
                return x.pass(); // new-thread mail is read whole, by the stage 'new-thread'
            }
            ParsedMessage m = x.parsed();
            ReplyTarget target = valid.target();
            ExtractedReply extracted = extractor.extract(new ReplyInput(m.text(), m.html(),
                    sentNotificationText.apply(target)));
            if (extracted.isEmpty()) {
                return new StageResult.Stop(new Disposition.Rejected("text.empty",
                        "no new text found in the reply (only quoted history or a signature)"), x.answerable());
            }
            x.reply(new DeliveredReply(target, m.from(), x.verdict(), x.authentication(), extracted.text(),
                    extracted.removed(), extracted.confidence(), m.attachments(), m.messageId(), x.deliveryKey(),
                    false, x.source(), m.sanitized()));
            return x.pass();
        };
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
        return key(messageId, target.type().name() + " " + target.id() + " " + target.userId(), sender, raw);
    }

    /**
     * @param messageId the Message-ID, or empty
     * @param scope the verified new-thread address's place
     * @param sender the From address, lower case
     * @param raw the raw message
     * @return 32 hex digits, as {@link #deliveryKey} but over the scope
     */
    public static String newThreadKey(String messageId, NewThreadScope scope, String sender, byte[] raw) {
        return key(messageId, "new " + scope.type() + " " + scope.id(), sender, raw);
    }

    private static String key(String messageId, String place, String sender, byte[] raw) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String who = messageId + "\0" + place + "\0" + sender;
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
