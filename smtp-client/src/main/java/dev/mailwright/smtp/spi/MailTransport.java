package dev.mailwright.smtp.spi;

import dev.mailwright.smtp.SendResult;

/**
 * Delivers composed messages: SMTP, memory, a pickup directory, or a host's own. Implementations
 * are thread-safe and never throw for an expected failure: they return {@link SendResult.Failed}
 * with its category.
 */
public interface MailTransport extends AutoCloseable {

    /**
     * Delivers one message, once (retries are the caller's).
     *
     * @param message the message
     * @return sent, per recipient, or failed with a category
     */
    SendResult send(OutgoingMessage message);

    /** @return a short description for logs and reports ({@code smtp://smtp.example.com:587}); never a secret */
    String describe();

    /** Releases connections and files; waits briefly for sends in progress. Idempotent. */
    @Override
    void close();
}
