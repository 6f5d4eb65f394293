package dev.mailwright.core.smtp;

/**
 * The coarse kind of an SMTP failure, so that a program can act on it: every {@link FailureClass}
 * belongs to one category. {@link #isTransient()} says whether trying again later may succeed;
 * the notification mailer retries only those, and {@link FailureClass#isTransient()} is the same
 * answer for every class of the category.
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
}
