package dev.mailwright.inbound.internal;

import dev.mailwright.core.DecodeResult;
import dev.mailwright.inbound.AuthenticationResults;
import dev.mailwright.inbound.DeliveredReply;
import dev.mailwright.inbound.Disposition;
import dev.mailwright.inbound.Envelope;
import dev.mailwright.inbound.NewThreadMail;
import dev.mailwright.inbound.spi.SenderVerdict;
import dev.mailwright.inbound.spi.SourceMessage;
import dev.mailwright.inbound.spi.StageContext;
import dev.mailwright.inbound.spi.StageResult;
import jakarta.mail.internet.MimeMessage;
import java.util.Objects;
import java.util.Optional;

/**
 * One message on its way through the {@link StageChain}: the {@link StageContext} the stages see,
 * plus what the built-in stages leave for the later ones (the parsed message, the verified
 * address, the sender's verdict, the delivery prepared for the last stage). Not thread-safe: one
 * thread carries a message through the chain.
 */
public final class Exchange implements StageContext {
    private static final StageResult PASS = new StageResult.Pass();

    private final SourceMessage source;
    private final long startNanos = System.nanoTime();
    private Envelope envelope;
    private ParsedMessage parsed;
    private DecodeResult address;
    private boolean answerable;
    private Boolean unsubscribe;
    private AuthenticationResults authentication = AuthenticationResults.NONE;
    private SenderVerdict verdict;
    private String deliveryKey = "";
    private DeliveredReply reply;
    private NewThreadMail newThread;
    private String reason;
    private Boolean notifyRefused;

    /** @param source the claimed message */
    public Exchange(SourceMessage source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public SourceMessage source() {
        return source;
    }

    @Override
    public Envelope envelope() {
        if (envelope == null) {
            envelope = Envelopes.read(source.content());
        }
        return envelope;
    }

    @Override
    public MimeMessage message() {
        return parsed().mime();
    }

    @Override
    public String from() {
        return parsed == null ? "" : parsed.from();
    }

    @Override
    public String messageId() {
        return parsed == null ? "" : parsed.messageId();
    }

    @Override
    public Optional<DecodeResult> address() {
        return Optional.ofNullable(address);
    }

    @Override
    public StageResult pass() {
        return PASS;
    }

    @Override
    public StageResult stop(Disposition disposition) {
        return new StageResult.Stop(disposition, false);
    }

    /** @return when the message entered the chain, {@link System#nanoTime()} */
    long startNanos() {
        return startNanos;
    }

    /** @return the parsed message @throws IllegalStateException before the parse stage */
    ParsedMessage parsed() {
        if (parsed == null) {
            throw new IllegalStateException("the message is parsed only from the stage 'parse' on;"
                    + " place this stage after it");
        }
        return parsed;
    }

    void parsed(ParsedMessage message) {
        this.parsed = message;
    }

    void address(DecodeResult verified, boolean inEnvelope) {
        this.address = verified;
        this.answerable = inEnvelope;
    }

    /** @return true when the verified address was the envelope recipient: a rejection may be answered */
    boolean answerable() {
        return answerable && !isUnsubscribeRequest();
    }

    /**
     * @return true when the subject is exactly {@code unsubscribe}, as the List-Unsubscribe mailto
     *     sets it: such a request is never answered and skips the automated-mail guard
     */
    boolean isUnsubscribeRequest() {
        if (unsubscribe == null) {
            String subject;
            try {
                subject = parsed == null ? null : parsed.mime().getSubject();
            } catch (jakarta.mail.MessagingException e) {
                subject = null;
            }
            unsubscribe = subject != null && subject.strip().equalsIgnoreCase("unsubscribe");
        }
        return unsubscribe;
    }

    AuthenticationResults authentication() {
        return authentication;
    }

    SenderVerdict verdict() {
        return verdict;
    }

    void sender(AuthenticationResults auth, SenderVerdict senderVerdict, String key) {
        this.authentication = auth;
        this.verdict = senderVerdict;
        this.deliveryKey = key;
    }

    String deliveryKey() {
        return deliveryKey;
    }

    DeliveredReply reply() {
        return reply;
    }

    void reply(DeliveredReply ready) {
        this.reply = ready;
    }

    NewThreadMail newThread() {
        return newThread;
    }

    void newThread(NewThreadMail mail) {
        this.newThread = mail;
    }

    /** @return whether the new-thread handler asked for a notice with its refusal, or null */
    Boolean notifyRefused() {
        return notifyRefused;
    }

    void notifyRefused(boolean notify) {
        this.notifyRefused = notify;
    }

    /** @return the reason to file with the disposition instead of its description, or null */
    String reason() {
        return reason;
    }

    void reason(String filed) {
        this.reason = filed;
    }
}
