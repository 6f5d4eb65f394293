package dev.mailwright.core.suppression;

import dev.mailwright.core.MailwrightException;
import dev.mailwright.core.spi.SuppressionStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store: an append-only log of changes ({@link Entries}), replayed into a map. Every
 * operation holds an exclusive lock on {@code <file>.lock} (threads of this JVM also share one
 * {@link ReentrantLock} per file, since a JVM cannot hold two locks on one file), reads what other
 * processes appended since, and for a change appends one line and syncs it before returning. When
 * the log holds four times more lines than entries it is rewritten to a temporary file, synced and
 * moved over the log atomically; another process notices the new file by its file key. A line
 * without its line end (a crash in the middle of a write) is cut off before the next append; a line
 * that does not parse is skipped with a warning.
 */
final class FileSuppressionStore implements SuppressionStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileSuppressionStore.class);
    private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final int MAX_LINE = 8192;

    private final Path file;
    private final ReentrantLock jvmLock;
    private final FileChannel lockChannel;
    private final Map<String, SuppressionEntry> entries = new HashMap<>();
    private Object fileKey;
    private long position;
    private long lines;
    private boolean tornTail;

    FileSuppressionStore(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.jvmLock = JVM_LOCKS.computeIfAbsent(this.file, p -> new ReentrantLock());
        try {
            Path dir = this.file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            this.lockChannel = FileChannel.open(this.file.resolveSibling(this.file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw failure("open", e);
        }
        locked(() -> null);
    }

    @Override
    public Optional<SuppressionEntry> find(String address) {
        return locked(() -> Optional.ofNullable(entries.get(address)));
    }

    @Override
    public SuppressionEntry update(String address, UnaryOperator<SuppressionEntry> change) {
        Objects.requireNonNull(change, "change");
        return locked(() -> {
            SuppressionEntry current = entries.getOrDefault(address, SuppressionEntry.empty(address));
            SuppressionEntry next = Entries.checked(address, change.apply(current));
            append(Entries.put(next));
            entries.put(address, next);
            compactIfLarge();
            return next;
        });
    }

    @Override
    public boolean remove(String address) {
        return locked(() -> {
            if (!entries.containsKey(address)) {
                return false;
            }
            append(Entries.delete(address));
            entries.remove(address);
            return true;
        });
    }

    @Override
    public List<SuppressionEntry> entries() {
        return locked(() -> entries.values().stream().sorted(Comparator.comparing(SuppressionEntry::address)).toList());
    }

    @Override
    public void close() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("could not close the lock file of the suppression store {}: {}", file, e.toString());
        }
    }

    /** An action under the lock, which may fail with an I/O error. */
    @FunctionalInterface
    private interface Action<T> {
        T run() throws IOException;
    }

    private <T> T locked(Action<T> action) {
        jvmLock.lock();
        try (FileLock ignored = lockChannel.lock()) {
            refresh();
            return action.run();
        } catch (IOException e) {
            throw failure("use", e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Reads what was appended since the last read; everything again when the file was replaced. */
    private void refresh() throws IOException {
        if (!Files.exists(file)) {
            entries.clear();
            fileKey = null;
            position = 0;
            lines = 0;
            return;
        }
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!Objects.equals(attrs.fileKey(), fileKey) || attrs.size() < position) {
            entries.clear();
            fileKey = attrs.fileKey();
            position = 0;
            lines = 0;
        }
        if (attrs.size() == position) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, ch.size() - position));
            while (buf.hasRemaining() && ch.read(buf, position + buf.position()) > 0) {
                // read to the end
            }
            replay(buf.array(), buf.position());
        }
    }

    private void replay(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            Optional<Entries.Change> change = i - start > MAX_LINE ? Optional.empty() : Entries.parse(line);
            if (change.isEmpty()) {
                LOG.warn("suppression store {}: skipped a line it cannot read at byte {}", file, position + start);
            } else if (change.get().entry() == null) {
                entries.remove(change.get().address());
            } else {
                entries.put(change.get().address(), change.get().entry());
            }
            lines++;
            start = i + 1;
        }
        position += start;
        tornTail = start < length;
    }

    private void append(String line) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (tornTail) {
                LOG.warn("suppression store {}: cut off an incomplete last line (a write interrupted by a crash)", file);
                ch.truncate(position);
                tornTail = false;
            }
            ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            long at = position;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            ch.force(false);
            position = at;
        }
        lines++;
        if (created) {
            fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            syncDirectory();
        }
    }

    private void compactIfLarge() throws IOException {
        if (lines <= 4L * entries.size() + 64) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".compact");
        StringBuilder all = new StringBuilder();
        entries.values().stream().sorted(Comparator.comparing(SuppressionEntry::address)).forEach(e -> all.append(Entries.put(e)));
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory();
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        position = bytes.length;
        lines = entries.size();
    }

    private void syncDirectory() {
        Path dir = file.getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync the directory {} (not supported here): {}", dir, e.toString());
        }
    }

    private MailwrightException failure(String what, IOException e) {
        return new MailwrightException("Cannot " + what + " the suppression store " + file + ": " + e
                + ". Check that the directory exists and is writable by this process.", e);
    }

    @Override
    public String toString() {
        return "SuppressionStore[file " + file + "]";
    }
}
