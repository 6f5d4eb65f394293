package dev.mailwright.inbound.spi;

import dev.mailwright.inbound.Disposition;
import java.time.Duration;
import java.util.List;

/**
 * Where raw messages come from: a maildir, an IMAP or a POP3 mailbox. The pipeline claims a batch,
 * runs its stages and files each message; a source never has to know the stages.
 *
 * <p>Contract: a claimed message belongs to this source instance until it is filed; no other
 * process or instance may claim it meanwhile. What was claimed but not filed when the process
 * died must be offered again by a later instance. {@link #file} with
 * {@link Disposition.RetryLater} keeps the message and offers it again, with a higher
 * {@link SourceMessage#attempt()}, once {@code notBefore} has passed.
 */
public interface MailSource extends AutoCloseable {

    /** @return a description for logs, such as the maildir path */
    String description();

    /**
     * @param max the most messages to claim
     * @return up to {@code max} claimed messages, empty when nothing is waiting
     */
    List<SourceMessage> claim(int max);

    /**
     * @param message a message claimed from this source
     * @param disposition what became of it
     * @param reason the reason to keep beside the filed message (one or more lines)
     */
    void file(SourceMessage message, Disposition disposition, String reason);

    /** Makes what was filed since the last call durable (for example, syncs folders). */
    default void flush() {
    }

    /**
     * Waits until new messages may be waiting, for a host that runs the pipeline in a loop
     * ({@code drain}, then wait, then drain again). A source that can be told of new mail (an IMAP
     * mailbox with IDLE) returns as soon as it is; the default sleeps for the whole timeout, which
     * is how a maildir or a POP3 mailbox is polled. A source may return early (after reconnecting,
     * say): the caller drains and waits again.
     *
     * @param timeout the longest wait
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    default void awaitMessages(Duration timeout) throws InterruptedException {
        Thread.sleep(Math.max(0, timeout.toMillis()));
    }

    /** Releases the source; unfiled claims are offered again by the next instance. */
    @Override
    void close();
}
