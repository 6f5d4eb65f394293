package dev.mailwright.smtp.internal;

import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.OutgoingMessage;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one composed message over one connected transport and turns what happened into a
 * {@link SendResult}: per-recipient replies, the final reply and its queue id, or a classified
 * failure.
 */
final class SmtpSender {
    private static final Pattern QUEUE_ID = Pattern.compile("(?i)(?:queued as|queued with id|\\bid=)\\s*<?([A-Za-z0-9._@-]+)");

    private SmtpSender() {
    }

    /**
     * The outcome of one try on one connection.
     *
     * @param result the result (attempts = 1)
     * @param connectionUsable whether the connection can carry another message
     * @param beforeData true when the failure happened before the message text was written, so
     *     sending again on a fresh connection cannot deliver it twice
     */
    record Attempt(SendResult result, boolean connectionUsable, boolean beforeData) {
    }

    static Attempt send(PipeliningTransport transport, OutgoingMessage m) {
        try {
            return transport.transaction(m);
        } catch (MessagingException | IOException | RuntimeException e) {
            SendFailures.Verdict v = SendFailures.classify(e, transport.conversation());
            return new Attempt(new SendResult.Failed(m.messageId(), v.failure(), v.reply(), describe(e), List.of(), 1), false,
                    !transport.wroteText());
        }
    }

    /** @return the queue id in a final reply ({@code queued as 4XyZ}, {@code id=...}), or null */
    static String queueId(SmtpReply finalReply) {
        if (finalReply == null) {
            return null;
        }
        Matcher matcher = QUEUE_ID.matcher(finalReply.text());
        return matcher.find() ? matcher.group(1) : null;
    }

    /** @return the reply parsed from the server's text, or built from the code; null when there is no code */
    static SmtpReply reply(int code, String text) {
        if (code < 200 || code > 599) {
            return null;
        }
        String t = text == null ? "" : text.strip();
        return SmtpReply.parse(t).filter(r -> r.code() == code).orElse(new SmtpReply(code, null, t));
    }

    /** @return the exception's message and its causes' messages, one line, never a secret (Angus puts none there) */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t : SendFailures.chain(e).subList(0, Math.min(5, SendFailures.chain(e).size()))) {
            String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (out.indexOf(msg) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(msg);
            }
        }
        return out.toString().replaceAll("[\\r\\n]+", " ");
    }
}
