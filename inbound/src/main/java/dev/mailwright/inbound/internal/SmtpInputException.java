package dev.mailwright.inbound.internal;

import java.io.IOException;

/**
 * The message could not be read because of the client: a bare line ending in the data, a deadline
 * passed, the connection lost. Thrown by {@link DataStream} through the store to the DATA command,
 * which sends {@link #code()} and {@link #text()} and closes the connection; never a store failure.
 */
final class SmtpInputException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String text;

    private SmtpInputException(int code, String text, IOException cause) {
        super(code + " " + text, cause);
        this.code = code;
        this.text = text;
    }

    /** @return the refusal of data holding a bare {@code <LF>} or {@code <CR>} */
    static SmtpInputException bareLineEnding() {
        return new SmtpInputException(554, "5.6.11 Error: bare <LF> or <CR> received in the message; lines must end"
                + " with <CR><LF> (RFC 5321 section 2.3.8)", null);
    }

    /**
     * @param readFailure why reading from the client failed
     * @return the exception that ends the session
     */
    static SmtpInputException readFailed(IOException readFailure) {
        if (readFailure instanceof SmtpInputException s) {
            return s;
        }
        if (readFailure instanceof SessionGuard.Expired e) {
            return new SmtpInputException(421, e.text(), e);
        }
        return new SmtpInputException(421, "4.4.2 Error: lost connection during the message ("
                + readFailure.getClass().getSimpleName() + ")", readFailure);
    }

    /** @return the reply code */
    int code() {
        return code;
    }

    /** @return the reply text after the code */
    String text() {
        return text;
    }
}
