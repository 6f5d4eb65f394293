package dev.mailwright.inbound;

import dev.mailwright.core.MailwrightException;

/**
 * Root of the unchecked exceptions thrown by {@code mailwright-inbound}: a maildir that cannot be
 * read or written, a listener that cannot bind, a certificate that cannot be loaded. Expected
 * outcomes for a message (rejected, discarded, retry later) are {@link Disposition}s, never
 * exceptions.
 */
public class InboundException extends MailwrightException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, with the value, and what to do */
    public InboundException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, with the value, and what to do
     * @param cause the underlying failure
     */
    public InboundException(String message, Throwable cause) {
        super(message, cause);
    }
}
