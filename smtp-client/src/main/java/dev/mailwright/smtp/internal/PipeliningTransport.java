package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.FailureCategory;
import dev.mailwright.smtp.RecipientStatus;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport (connection, STARTTLS, AUTH, timeouts, dot-stuffing), with one
 * transaction of our own on top of its protected primitives: {@code MAIL FROM} and the
 * {@code RCPT TO}s go out together when the server offers PIPELINING (RFC 2920), saving a round
 * trip per recipient; every reply becomes a {@link RecipientStatus} or a classified failure
 * without an exception per recipient; the composed bytes are written as they are.
 */
final class PipeliningTransport extends SMTPTransport {
    private boolean wroteText;

    /**
     * @param session the session
     * @param protocol {@code smtp} or {@code smtps}
     */
    PipeliningTransport(Session session, String protocol) {
        super(session, new URLName(protocol, null, -1, null, null, null), protocol, protocol.equals("smtps"));
    }

    /**
     * Sends one message on this connected transport.
     *
     * @param m the message
     * @return the outcome; I/O failures are thrown
     * @throws MessagingException when the connection fails (then it is not reusable)
     * @throws IOException when writing the message text fails
     */
    synchronized SmtpSender.Attempt transaction(OutgoingMessage m) throws MessagingException, IOException {
        checkConnected();
        boolean pipelining = supportsExtension("PIPELINING");
        List<String> rcpts = m.recipients();
        List<SmtpReply> rcptReplies = new ArrayList<>(rcpts.size());
        wroteText = false;
        sendCommand("MAIL FROM:<" + m.envelopeFrom() + ">");
        SmtpReply mail = pipelining ? null : readReply();
        for (String r : rcpts) {
            if (mail != null && !mail.isPositive()) {
                break;
            }
            sendCommand("RCPT TO:<" + r + ">");
            if (!pipelining) {
                rcptReplies.add(readReply());
            }
        }
        if (pipelining) {
            mail = readReply();
            for (int i = 0; i < rcpts.size(); i++) {
                rcptReplies.add(readReply());
            }
        }
        List<RecipientStatus> statuses = new ArrayList<>(rcpts.size());
        for (int i = 0; i < rcptReplies.size(); i++) {
            SmtpReply reply = rcptReplies.get(i);
            statuses.add(new RecipientStatus(rcpts.get(i), reply.code() == 250 || reply.code() == 251, reply));
        }
        if (!mail.isPositive()) {
            return refused(m, mail, statuses, FailureCategory.MESSAGE_REJECTED);
        }
        if (statuses.stream().noneMatch(RecipientStatus::accepted)) {
            return refused(m, statuses.get(0).reply(), statuses, FailureCategory.RECIPIENT_REJECTED);
        }
        return data(m, statuses);
    }

    /** @return whether the last transaction started writing the message text (a retry could deliver twice) */
    synchronized boolean wroteText() {
        return wroteText;
    }

    private SmtpSender.Attempt data(OutgoingMessage m, List<RecipientStatus> statuses) throws MessagingException, IOException {
        OutputStream out;
        try {
            out = data();
        } catch (SMTPSendFailedException e) {
            return refused(m, SmtpSender.reply(e.getReturnCode(), e.getMessage()), statuses, FailureCategory.MESSAGE_REJECTED);
        }
        wroteText = true;
        out.write(m.content());
        try {
            finishData();
        } catch (SMTPSendFailedException e) {
            SmtpReply reply = SmtpSender.reply(e.getReturnCode(), e.getMessage());
            return new SmtpSender.Attempt(failed(m, reply, statuses, FailureCategory.MESSAGE_REJECTED), isConnected(), false);
        }
        SmtpReply finalReply = SmtpSender.reply(getLastReturnCode(), getLastServerResponse());
        return new SmtpSender.Attempt(new SendResult.Sent(m.messageId(), statuses, finalReply, SmtpSender.queueId(finalReply), 1),
                true, false);
    }

    /** A refusal before DATA: resets the transaction so the connection can carry the next message. */
    private SmtpSender.Attempt refused(OutgoingMessage m, SmtpReply reply, List<RecipientStatus> statuses,
            FailureCategory fallback) throws MessagingException {
        sendCommand("RSET");
        boolean usable = readServerResponse() == 250;
        return new SmtpSender.Attempt(failed(m, reply, statuses, fallback), usable, true);
    }

    private static SendResult.Failed failed(OutgoingMessage m, SmtpReply reply, List<RecipientStatus> statuses,
            FailureCategory fallback) {
        FailureCategory c = reply == null ? fallback : FailureCategory.classify(reply);
        if (c == FailureCategory.MESSAGE_REJECTED || c == FailureCategory.UNKNOWN) {
            c = fallback;
        }
        String detail = reply == null ? "the server refused the message" : "the server replied " + reply;
        return new SendResult.Failed(m.messageId(), c, reply, detail, statuses, 1);
    }

    private SmtpReply readReply() throws MessagingException {
        int code = readServerResponse();
        SmtpReply reply = SmtpSender.reply(code, getLastServerResponse());
        if (reply == null) {
            throw new MessagingException("[EOF] the server closed the connection or sent no reply code: "
                    + getLastServerResponse());
        }
        return reply;
    }
}
