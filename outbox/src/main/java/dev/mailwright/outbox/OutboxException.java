package dev.mailwright.outbox;

import dev.mailwright.core.MailwrightException;

/** Root of the unchecked exceptions of {@code mailwright-outbox}. */
public class OutboxException extends MailwrightException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do */
    public OutboxException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
