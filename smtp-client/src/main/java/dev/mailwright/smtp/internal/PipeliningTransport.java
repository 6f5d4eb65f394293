package dev.mailwright.smtp.internal;

import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.SmtpFailure;
import dev.mailwright.core.smtp.SmtpReply;
import dev.mailwright.smtp.RecipientStatus;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.OutgoingMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus's SMTP transport (connection, STARTTLS, AUTH, timeouts, dot-stuffing), with one
 * transaction of our own on top of its protected primitives: {@code MAIL FROM} and the
 * {@code RCPT TO}s go out together when the server offers PIPELINING (RFC 2920), saving a round
 * trip per recipient; every reply becomes a {@link RecipientStatus} or a classified failure
 * without an exception per recipient; the composed bytes are written as they are. When the socket
 * the conversation runs on is known (a connection without TLS, or the TLS socket STARTTLS layered
 * through the recording factory), {@code DATA} joins the group too and the text with its
 * terminating dot goes out in one write: two round trips and two writes per message instead of
 * three and four.
 */
final class PipeliningTransport extends SMTPTransport {
    private boolean wroteText;
    /** The socket the conversation runs on, when it is the one Angus writes to (not after STARTTLS). */
    private Socket direct;
    private boolean tlsLayered;
    /** The TLS socket STARTTLS layered, when the recording factory made it; null otherwise. */
    private Socket layered;
    /** What the settings mean to do (TLS required, authentication wanted), for classifying failures. */
    private final SmtpFailure.Conversation expectations;

    /**
     * @param session the session
     * @param protocol {@code smtp} or {@code smtps}
     * @param expectations what the settings mean to do, for classifying failures
     */
    PipeliningTransport(Session session, String protocol, SmtpFailure.Conversation expectations) {
        super(session, new URLName(protocol, null, -1, null, null, null), protocol, protocol.equals("smtps"));
        this.expectations = expectations;
    }

    /**
     * @return what this connection's conversation showed so far (the server spoke, TLS, what
     *     its EHLO offered), with the settings' expectations, for {@link SendFailures}
     */
    synchronized SmtpFailure.Conversation conversation() {
        boolean spoke = getLastServerResponse() != null;
        boolean offersAuth = spoke && supportsExtension("AUTH");
        String ehlo = !spoke ? "" : "EHLO" + (supportsExtension("STARTTLS") ? " STARTTLS" : "") + (offersAuth ? " AUTH" : "");
        return new SmtpFailure.Conversation(expectations.tlsRequired(), expectations.authWanted(), spoke, isSSL(), tlsLayered,
                expectations.authWanted() && offersAuth, ehlo, false, false);
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
        wroteText = false;
        boolean pipelining = supportsExtension("PIPELINING");
        if (pipelining && direct != null && isPlainEnvelope(m)) {
            return pipelinedWithData(m);
        }
        List<String> rcpts = m.recipients();
        List<SmtpReply> rcptReplies = new ArrayList<>(rcpts.size());
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
            statuses.add(status(rcpts.get(i), rcptReplies.get(i)));
        }
        Refusal refusal = refusal(mail, statuses);
        return refusal != null ? refused(m, refusal.reply(), statuses, refusal.command()) : data(m, statuses);
    }

    /**
     * @param socket the socket the connection was made on (from the socket factory). The
     *     one-round-trip transaction writes to it directly on a connection without TLS, and to the
     *     TLS socket STARTTLS layered over it when the recording factory made that one. With
     *     implicit TLS, or a STARTTLS factory it could not wrap, the text goes through Angus's data
     *     stream, one round trip more. Angus's protocol trace ({@code mail.debug}) does not show
     *     the directly written bytes; a {@code TranscriptCapture} does, since it records at the
     *     socket.
     */
    synchronized void directSocket(Socket socket) {
        if (tlsLayered) {
            this.direct = layered;
        } else {
            this.direct = socket instanceof javax.net.ssl.SSLSocket ? null : socket;
        }
    }

    @Override
    protected void startTLS() throws MessagingException {
        // from now on the conversation runs in the TLS socket layered on top of the factory's
        tlsLayered = true;
        direct = null;
        SocketRecorder.takeLayered();
        super.startTLS();
        Socket tls = SocketRecorder.takeLayered();
        layered = tls instanceof javax.net.ssl.SSLSocket ? tls : null;
    }

    /**
     * One round trip for {@code MAIL}, every {@code RCPT} and {@code DATA} (RFC 2920 allows
     * {@code DATA} as the last command of a group), then the text and its terminating dot in one
     * write. Angus's buffered stream is empty between its commands (each one is flushed), so
     * writing to the socket directly keeps the order of the bytes.
     */
    private SmtpSender.Attempt pipelinedWithData(OutgoingMessage m) throws MessagingException, IOException {
        List<String> rcpts = m.recipients();
        StringBuilder group = new StringBuilder(64 + 48 * rcpts.size());
        group.append("MAIL FROM:<").append(m.envelopeFrom()).append(">\r\n");
        for (String r : rcpts) {
            group.append("RCPT TO:<").append(r).append(">\r\n");
        }
        group.append("DATA\r\n");
        OutputStream out;
        try {
            out = direct.getOutputStream();
            out.write(group.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new MessagingException("Can't send command to SMTP host", e);
        }
        SmtpReply mail = readReply();
        List<RecipientStatus> statuses = new ArrayList<>(rcpts.size());
        for (String r : rcpts) {
            statuses.add(status(r, readReply()));
        }
        SmtpReply data = readReply();
        Refusal refusal = refusal(mail, statuses);
        if (refusal != null && data.code() == 354) {
            // a server that opened DATA although nobody can receive the text: end it empty
            out.write(DataEncoding.encode(new byte[0]));
            out.flush();
            readReply();
        }
        if (refusal != null) {
            return refused(m, refusal.reply(), statuses, refusal.command());
        }
        if (data.code() != 354) {
            return refused(m, data, statuses, "DATA");
        }
        wroteText = true;
        out.write(DataEncoding.encode(m.content()));
        out.flush();
        SmtpReply finalReply = readReply();
        if (finalReply.code() != 250) {
            return new SmtpSender.Attempt(failed(m, finalReply, statuses, "."), true, false);
        }
        return new SmtpSender.Attempt(new SendResult.Sent(m.messageId(), statuses, finalReply, SmtpSender.queueId(finalReply), 1),
                true, false);
    }

    /** @return true when the envelope is plain ASCII without line breaks, as the one-write path sends it */
    private static boolean isPlainEnvelope(OutgoingMessage m) {
        if (!isPlainAscii(m.envelopeFrom())) {
            return false;
        }
        for (String r : m.recipients()) {
            if (!isPlainAscii(r)) {
                return false;
            }
        }
        return !m.recipients().isEmpty();
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
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
            SmtpReply reply = SmtpSender.reply(e.getReturnCode(), e.getMessage());
            if (reply == null) {
                throw e; // no reply: the connection failed, classified from the exception like any other
            }
            return refused(m, reply, statuses, "DATA");
        }
        wroteText = true;
        out.write(m.content());
        try {
            finishData();
        } catch (SMTPSendFailedException e) {
            SmtpReply reply = SmtpSender.reply(e.getReturnCode(), e.getMessage());
            if (reply == null) {
                throw e; // no reply: the connection failed, classified from the exception like any other
            }
            return new SmtpSender.Attempt(failed(m, reply, statuses, "."), isConnected(), false);
        }
        SmtpReply finalReply = SmtpSender.reply(getLastReturnCode(), getLastServerResponse());
        return new SmtpSender.Attempt(new SendResult.Sent(m.messageId(), statuses, finalReply, SmtpSender.queueId(finalReply), 1),
                true, false);
    }

    private static RecipientStatus status(String recipient, SmtpReply reply) {
        return new RecipientStatus(recipient, reply.code() == 250 || reply.code() == 251, reply);
    }

    /** Why a transaction stops before the text: the refusing reply, and the command it answered. */
    private record Refusal(SmtpReply reply, String command) {
    }

    /** @return the refusal when the sender or every recipient was refused; null when the text may go */
    private static Refusal refusal(SmtpReply mail, List<RecipientStatus> statuses) {
        if (!mail.isPositive()) {
            return new Refusal(mail, "MAIL");
        }
        if (statuses.stream().noneMatch(RecipientStatus::accepted)) {
            return new Refusal(statuses.get(0).reply(), "RCPT");
        }
        return null;
    }

    /** A refusal before DATA: resets the transaction so the connection can carry the next message. */
    private SmtpSender.Attempt refused(OutgoingMessage m, SmtpReply reply, List<RecipientStatus> statuses,
            String command) throws MessagingException {
        SendResult.Failed failed = failed(m, reply, statuses, command);
        sendCommand("RSET");
        boolean usable = readServerResponse() == 250;
        return new SmtpSender.Attempt(failed, usable, true);
    }

    private SendResult.Failed failed(OutgoingMessage m, SmtpReply reply, List<RecipientStatus> statuses, String command) {
        FailureClass c = reply == null ? FailureClass.UNKNOWN : SendFailures.classify(command, reply, conversation());
        String detail = reply == null ? "the server refused the message" : "the server replied " + reply;
        return new SendResult.Failed(m.messageId(), c, reply, detail, statuses, 1);
    }

    private SmtpReply readReply() throws MessagingException {
        int code = readServerResponse();
        SmtpReply reply = SmtpSender.reply(code, getLastServerResponse());
        if (reply == null) {
            String last = getLastServerResponse();
            if (last == null || last.strip().equals("[EOF]")) {
                throw new MessagingException("the server closed the connection instead of replying",
                        new java.io.EOFException("[EOF]"));
            }
            throw new MessagingException("the server sent a reply without a reply code: " + last);
        }
        return reply;
    }
}
