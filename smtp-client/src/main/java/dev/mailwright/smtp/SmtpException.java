package dev.mailwright.smtp;

import dev.mailwright.core.MailwrightException;

/** Root of the unchecked exceptions of {@code mailwright-smtp-client}. */
public class SmtpException extends MailwrightException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do */
    public SmtpException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public SmtpException(String message, Throwable cause) {
        super(message, cause);
    }
}
