package dev.mailwright.core;

/**
 * Root of the unchecked exceptions thrown by {@code mailwright-core}. Other modules have their own
 * roots ({@code SmtpException}, {@code InboundException}, {@code DnsException}); all of them extend
 * this class so that a host application can catch every Mailwright failure in one place.
 *
 * <p>Messages say what was wrong, with the offending value, and what to do. They never contain a
 * secret.
 */
public class MailwrightException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do */
    public MailwrightException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure, always chained
     */
    public MailwrightException(String message, Throwable cause) {
        super(message, cause);
    }
}
