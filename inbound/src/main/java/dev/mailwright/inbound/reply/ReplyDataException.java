package dev.mailwright.inbound.reply;

import dev.mailwright.inbound.InboundException;

/**
 * Language data for the reply-text extractor could not be read or holds a line that is not a
 * pattern. The message names the file, the line and what to change.
 */
public class ReplyDataException extends InboundException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, where, and what to do */
    public ReplyDataException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, where, and what to do
     * @param cause the underlying failure
     */
    public ReplyDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
