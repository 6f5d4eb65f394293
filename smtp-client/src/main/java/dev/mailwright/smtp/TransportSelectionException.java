package dev.mailwright.smtp;

/**
 * No transport, or more than one, is available for a URI's scheme. The message lists the
 * candidates, or names the artifact to add.
 */
public final class TransportSelectionException extends SmtpException {
    private static final long serialVersionUID = 1L;

    /** @param message what was looked for, what was found, and what to do */
    public TransportSelectionException(String message) {
        super(message);
    }
}
