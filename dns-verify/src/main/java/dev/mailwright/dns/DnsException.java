package dev.mailwright.dns;

import dev.mailwright.core.MailwrightException;

/**
 * Root of the unchecked exceptions thrown by {@code mailwright-dns-verify}. Expected problems (a
 * record missing, a port closed) are never thrown: they are {@link dev.mailwright.core.Finding}s in
 * the {@link DnsReport}. This exception means the verification itself could not run, for example
 * because the system resolver configuration cannot be read.
 */
public class DnsException extends MailwrightException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do */
    public DnsException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do
     * @param cause the underlying failure
     */
    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
