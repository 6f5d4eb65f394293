package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.FailureCategory;
import dev.mailwright.smtp.RecipientStatus;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.OutgoingMessage;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends one composed message over one connected Angus transport and turns what happened into a
 * {@link SendResult}: per-recipient replies (the session sets {@code reportsuccess} and
 * {@code sendpartial}), the final reply and its queue id, or a classified failure.
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

    static Attempt send(Session session, SMTPTransport transport, OutgoingMessage m) {
        Address[] to = new Address[m.recipients().size()];
        try {
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(m.recipients().get(i), false);
            }
            transport.sendMessage(new RawMessage(session, m.content(), m.envelopeFrom()), to);
            List<RecipientStatus> all = m.recipients().stream().map(RecipientStatus::accepted).toList();
            return new Attempt(sent(m, all, transport), true, false);
        } catch (SendFailedException e) {
            return fromSendFailed(m, transport, e);
        } catch (MessagingException e) {
            FailureCategory category = FailureCategory.classify(e);
            String msg = String.valueOf(e.getMessage());
            boolean beforeData = !msg.contains("while sending message");
            return new Attempt(new SendResult.Failed(m.messageId(), category, null, describe(e), List.of(), 1), false, beforeData);
        }
    }

    private static Attempt fromSendFailed(OutgoingMessage m, SMTPTransport transport, SendFailedException e) {
        Map<String, RecipientStatus> statuses = new LinkedHashMap<>();
        MessagingException refusal = null;
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            if (x instanceof SMTPAddressSucceededException ok) {
                statuses.put(ok.getAddress().toString(), new RecipientStatus(ok.getAddress().toString(), true,
                        reply(ok.getReturnCode(), ok.getMessage())));
            } else if (x instanceof SMTPAddressFailedException bad) {
                statuses.put(bad.getAddress().toString(), new RecipientStatus(bad.getAddress().toString(), false,
                        reply(bad.getReturnCode(), bad.getMessage())));
                refusal = refusal == null ? bad : refusal;
            } else if (x instanceof SMTPSenderFailedException || (x instanceof SMTPSendFailedException sf && sf.getReturnCode() >= 400)) {
                refusal = (MessagingException) x;
            }
            if (x instanceof MessagingException me && me.getNextException() == x) {
                break;
            }
        }
        List<RecipientStatus> recipients = new ArrayList<>(statuses.values());
        boolean anyAccepted = recipients.stream().anyMatch(RecipientStatus::accepted);
        if (anyAccepted && transport.getLastReturnCode() >= 200 && transport.getLastReturnCode() < 300) {
            return new Attempt(sent(m, recipients, transport), true, false);
        }
        if (refusal == null) {
            refusal = e;
        }
        FailureCategory category = FailureCategory.classify(refusal);
        SmtpReply reply = refusal instanceof SMTPAddressFailedException a ? reply(a.getReturnCode(), a.getMessage())
                : refusal instanceof SMTPSenderFailedException s ? reply(s.getReturnCode(), s.getMessage())
                : refusal instanceof SMTPSendFailedException f ? reply(f.getReturnCode(), f.getMessage()) : null;
        boolean usable = transport.isConnected() && reply != null;
        boolean beforeData = !(refusal instanceof SMTPSendFailedException) || refusal instanceof SMTPSenderFailedException;
        return new Attempt(new SendResult.Failed(m.messageId(), category, reply, describe(refusal), recipients, 1), usable,
                beforeData);
    }

    private static SendResult.Sent sent(OutgoingMessage m, List<RecipientStatus> recipients, SMTPTransport transport) {
        SmtpReply finalReply = reply(transport.getLastReturnCode(), transport.getLastServerResponse());
        return new SendResult.Sent(m.messageId(), recipients, finalReply, queueId(finalReply), 1);
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
        int depth = 0;
        for (Throwable t = e; t != null && depth < 5; t = next(t), depth++) {
            String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            if (out.indexOf(msg) < 0) {
                out.append(out.length() == 0 ? "" : ": ").append(msg);
            }
        }
        return out.toString().replaceAll("[\\r\\n]+", " ");
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
