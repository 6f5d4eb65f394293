package dev.mailwright.smtp;

import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Keeps every message in memory instead of delivering it: for Mailwright's tests and the host
 * application's own. URI {@code memory:}. Thread-safe.
 *
 * <pre>{@code
 * MemoryTransport memory = new MemoryTransport();
 * ... mailer.send(notification) ...
 * memory.assertCount(1);
 * assertTrue(memory.single().text().contains("Subject: [octo/hello] Bug (#1)"));
 * }</pre>
 */
public final class MemoryTransport implements MailTransport {
    private final List<OutgoingMessage> messages = new ArrayList<>();

    /** Creates an empty transport. */
    public MemoryTransport() {
    }

    @Override
    public synchronized SendResult send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        messages.add(message);
        return new SendResult.Sent(message.messageId(), message.recipients().stream().map(RecipientStatus::accepted).toList(),
                null, null, 1);
    }

    /** @return the messages kept so far, oldest first */
    public synchronized List<OutgoingMessage> messages() {
        return List.copyOf(messages);
    }

    /** @return the messages whose envelope includes the address */
    public synchronized List<OutgoingMessage> sentTo(String address) {
        return messages.stream().filter(m -> m.recipients().contains(address)).toList();
    }

    /**
     * @return the one message kept
     * @throws AssertionError when there are none or several
     */
    public synchronized OutgoingMessage single() {
        assertCount(1);
        return messages.get(0);
    }

    /**
     * @param expected how many messages should have been kept
     * @throws AssertionError listing the Message-IDs when the count differs
     */
    public synchronized void assertCount(int expected) {
        if (messages.size() != expected) {
            throw new AssertionError("expected " + expected + " message(s) in the memory transport but found " + messages.size()
                    + ": " + messages.stream().map(OutgoingMessage::messageId).collect(Collectors.joining(", ", "[", "]")));
        }
    }

    /**
     * @param address an envelope recipient
     * @return the one message sent to it
     * @throws AssertionError when none or several were
     */
    public synchronized OutgoingMessage assertSentTo(String address) {
        List<OutgoingMessage> found = sentTo(address);
        if (found.size() != 1) {
            throw new AssertionError("expected one message to " + address + " but found " + found.size() + "; recipients seen: "
                    + messages.stream().flatMap(m -> m.recipients().stream()).distinct().toList());
        }
        return found.get(0);
    }

    /** Forgets every message. */
    public synchronized void clear() {
        messages.clear();
    }

    @Override
    public String describe() {
        return "memory:";
    }

    /** Keeps the messages, so that they can still be inspected after the mailer closed. */
    @Override
    public void close() {
    }
}
