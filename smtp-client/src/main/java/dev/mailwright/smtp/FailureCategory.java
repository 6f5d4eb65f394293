package dev.mailwright.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Why a send failed, so that a program can act on it. {@link #isTransient()} says whether trying
 * again later may succeed; {@link NotificationMailer} retries only those.
 *
 * <p>{@link #classify(Throwable)} and {@link #classify(SmtpReply)} are reusable by anything that
 * talks SMTP through Angus Mail (the test email uses them too).
 */
public enum FailureCategory {
    /** The server refused the credentials or requires authentication (535, 530 5.7.0 auth, 534). */
    AUTHENTICATION(false, "check the user name and password (or the OAuth token) in the settings"),
    /** TLS is required but the server does not offer STARTTLS, or the server requires TLS first. */
    TLS_REQUIRED(false, "use a port and server that offer STARTTLS (usually 587), or implicit TLS on 465"),
    /** The TLS handshake failed (protocol or cipher mismatch, plain text on a TLS port). */
    TLS_HANDSHAKE(false, "check that the port speaks the selected security (implicit TLS on 465, STARTTLS on 587)"),
    /** The server's certificate is not trusted or does not match the host name. */
    CERTIFICATE(false, "use the host name on the server's certificate, or add its CA to the trusted certificates"),
    /** Nothing listens on the port, or a firewall rejects the connection. */
    CONNECTION_REFUSED(true, "check the server address and port, and that the server is running"),
    /** The server did not answer within the connect, read or write timeout. */
    TIMEOUT(true, "check that a firewall does not drop the traffic; raise the timeouts only if the server is slow"),
    /** The server's host name does not resolve. */
    UNKNOWN_HOST(false, "check the server address for typos and that DNS resolves it"),
    /** The connection broke in the middle of the conversation. */
    CONNECTION_LOST(true, "the server closed the connection; it is retried"),
    /** No pooled connection became free in time. */
    POOL_EXHAUSTED(true, "raise the pool's maximum size or its wait, or send less at once"),
    /** The server does not relay for this sender or instance (550 5.7.1 relay denied, 554 relay access denied). */
    RELAY_DENIED(false, "authenticate, or allow the instance's address to relay on the server"),
    /** The server refused a recipient (5.1.x). */
    RECIPIENT_REJECTED(false, "check the recipient's address"),
    /** The server refused the sender or the message itself (after MAIL FROM or DATA). */
    MESSAGE_REJECTED(false, "read the server's reply; it may refuse the no-reply address as sender or the content"),
    /** The server asked to try again later (4xx). */
    TRANSIENT(true, "the server asked to try again later; it is retried"),
    /** The failure did not match any known pattern. */
    UNKNOWN(false, "read the server's reply and the cause");

    private final boolean transientFailure;
    private final String remedy;

    FailureCategory(boolean transientFailure, String remedy) {
        this.transientFailure = transientFailure;
        this.remedy = remedy;
    }

    /** @return true when trying again later may succeed */
    public boolean isTransient() {
        return transientFailure;
    }

    /** @return what to do about it, in one sentence for an administrator */
    public String remedy() {
        return remedy;
    }

    /**
     * Classifies a reply the server gave to MAIL, RCPT or DATA (or to AUTH).
     *
     * @param reply the reply, not positive
     * @return the category
     */
    public static FailureCategory classify(SmtpReply reply) {
        String status = reply.enhancedStatus() == null ? "" : reply.enhancedStatus();
        String text = reply.text().toLowerCase(Locale.ROOT);
        int code = reply.code();
        if (code == 535 || code == 534 || status.equals("5.7.8") || (code == 530 && text.contains("auth"))) {
            return AUTHENTICATION;
        }
        if ((code == 530 || code == 554) && (text.contains("starttls") || text.contains(" tls"))) {
            return TLS_REQUIRED;
        }
        if (code >= 400 && code < 500) {
            return TRANSIENT;
        }
        if (text.contains("relay")) {
            return RELAY_DENIED;
        }
        if (status.startsWith("5.1.") || status.startsWith("5.2.1") || text.contains("user unknown")
                || text.contains("mailbox unavailable")) {
            return RECIPIENT_REJECTED;
        }
        return code >= 500 ? MESSAGE_REJECTED : UNKNOWN;
    }

    /**
     * Classifies an exception thrown while connecting or sending with Angus Mail (or a plain I/O
     * exception), walking its causes and chained exceptions.
     *
     * @param failure the exception
     * @return the category
     */
    public static FailureCategory classify(Throwable failure) {
        boolean tls = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = next(t), depth++) {
            FailureCategory c = direct(t);
            if (c != null) {
                return c;
            }
            tls |= t instanceof SSLException;
        }
        return tls ? TLS_HANDSHAKE : UNKNOWN;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static FailureCategory direct(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (t instanceof AuthenticationFailedException) {
            return AUTHENTICATION;
        }
        if (t instanceof SMTPAddressFailedException a) {
            return fromReply(a.getReturnCode(), a.getMessage(), RECIPIENT_REJECTED);
        }
        if (t instanceof SMTPSenderFailedException s) {
            return fromReply(s.getReturnCode(), s.getMessage(), MESSAGE_REJECTED);
        }
        if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 400) {
            return fromReply(s.getReturnCode(), s.getMessage(), MESSAGE_REJECTED);
        }
        if (msg.contains("starttls is required") || msg.contains("does not support starttls")) {
            return TLS_REQUIRED;
        }
        if (msg.contains("can't verify identity of server") || t instanceof CertificateException
                || t.getClass().getName().startsWith("java.security.cert.") || t.getClass().getName().contains("CertPath")) {
            return CERTIFICATE;
        }
        return network(t, msg);
    }

    private static FailureCategory network(Throwable t, String msg) {
        if (t instanceof SSLHandshakeException && (msg.contains("certificate") || msg.contains("pkix")
                || msg.contains("subject alternative") || msg.contains("no name matching"))) {
            return CERTIFICATE;
        }
        if (t instanceof SSLHandshakeException) {
            return t.getCause() == null ? TLS_HANDSHAKE : null;
        }
        if (t instanceof SSLException) {
            return msg.contains("unrecognized ssl message") || msg.contains("handshake") || msg.contains("plaintext")
                    ? TLS_HANDSHAKE : null;
        }
        if (t instanceof UnknownHostException) {
            return UNKNOWN_HOST;
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return CONNECTION_REFUSED;
        }
        if (t instanceof SocketTimeoutException) {
            return TIMEOUT;
        }
        if (t instanceof SocketException || t instanceof EOFException || msg.equals("[eof]")
                || msg.contains("connection closed") || msg.contains("connection reset") || msg.contains("broken pipe")) {
            return CONNECTION_LOST;
        }
        return null;
    }

    private static FailureCategory fromReply(int code, String text, FailureCategory fallback) {
        if (code < 200 || code > 599) {
            return fallback;
        }
        SmtpReply reply = SmtpReply.parse(text).orElse(new SmtpReply(code, null, text == null ? "" : text));
        FailureCategory c = classify(reply);
        return c == MESSAGE_REJECTED || c == UNKNOWN ? fallback : c;
    }
}
