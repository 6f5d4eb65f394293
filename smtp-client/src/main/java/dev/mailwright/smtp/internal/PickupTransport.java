package dev.mailwright.smtp.internal;

import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.smtp.RecipientStatus;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes one {@code .eml} file per message into a directory, atomically: the bytes go to a hidden
 * temporary file in the same directory, are forced to disk, then the file is renamed to its final
 * name, so a reader never sees a partial message. URI {@code pickup:/path/to/dir}.
 */
public final class PickupTransport implements MailTransport {
    private final Path directory;
    private final AtomicLong counter = new AtomicLong();

    /** @param directory the directory; created when missing */
    public PickupTransport(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public SendResult send(OutgoingMessage message) {
        String name = fileName(message);
        Path tmp = directory.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(directory);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(message.content()));
                channel.force(true);
            }
            try {
                Files.move(tmp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(tmp);
                return failed(message, "the file system of " + directory + " cannot rename atomically; use a local directory");
            }
            return new SendResult.Sent(message.messageId(),
                    message.recipients().stream().map(RecipientStatus::accepted).toList(), null, name, 1);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            return failed(message, "cannot write " + directory.resolve(name) + ": " + e);
        }
    }

    private String fileName(OutgoingMessage message) {
        String id = message.messageId().replaceAll("[^A-Za-z0-9._-]", "_");
        if (id.length() > 120) {
            id = id.substring(0, 120);
        }
        return String.format("%d-%06d-%s.eml", System.currentTimeMillis(), counter.incrementAndGet(), id);
    }

    private static SendResult failed(OutgoingMessage message, String detail) {
        return new SendResult.Failed(message.messageId(), FailureClass.UNKNOWN, null, detail, List.of(), 1);
    }

    @Override
    public String describe() {
        return "pickup:" + directory;
    }

    @Override
    public void close() {
    }
}
