package dev.mailwright.inbound.internal;

import dev.mailwright.core.spi.NoticeThrottle;
import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default {@link NoticeThrottle}: allows one rejection notice per sender and reason per UTC day — across restarts and across the
 * pipeline processes that share a ledger directory. Each day has a file
 * {@code notices/YYYY-MM-DD} of lines holding a hash of sender and reason (no address in clear);
 * a notice is granted under an exclusive lock on that file, after reading what other processes
 * appended, and recorded (and synced) before the caller sends it. Files of earlier days are
 * deleted when the day changes.
 */
public final class FileNoticeThrottle implements NoticeThrottle {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileNoticeThrottle.class);
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path dir;
    private final Clock clock;
    private LocalDate day;
    private final Set<String> granted = new HashSet<>();
    private long readOffset;

    /**
     * @param dir the directory of the day files (created when missing)
     * @param clock decides the day
     */
    public FileNoticeThrottle(Path dir, Clock clock) {
        this.dir = dir.toAbsolutePath().normalize();
        this.clock = clock;
        try {
            Files.createDirectories(this.dir);
        } catch (IOException e) {
            throw new InboundException("Cannot create the rejection-notice directory " + this.dir + ": " + e.getMessage()
                    + ". Check that the ledger directory is writable.", e);
        }
    }

    @Override
    public synchronized boolean tryAcquire(String sender, String code) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            granted.clear();
            readOffset = 0;
            deleteEarlierDays(today);
        }
        String key = NoticeThrottle.key(sender, code);
        if (granted.contains(key)) {
            return false;
        }
        Path file = dir.resolve(today.toString());
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(file, p -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
            readNewLines(ch);
            if (granted.contains(key)) {
                return false;
            }
            ByteBuffer line = ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.US_ASCII));
            long at = ch.size();
            while (line.hasRemaining()) {
                at += ch.write(line, at);
            }
            ch.force(false);
            granted.add(key);
            readOffset = at;
            return true;
        } catch (IOException e) {
            LOG.warn("No rejection notice sent to {} ({}): cannot record it in {}: {}", sender, code, file, e.toString());
            return false;
        } finally {
            jvmLock.unlock();
        }
    }

    private void readNewLines(FileChannel ch) throws IOException {
        String text = new String(DurableFiles.readFrom(ch, readOffset), StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n') + 1; // a torn last line (a crash mid-write) is left for later
        for (String l : text.substring(0, end).split("\n")) {
            if (!l.isBlank()) {
                granted.add(l.strip());
            }
        }
        readOffset += end;
    }

    private void deleteEarlierDays(LocalDate today) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.matches("\\d{4}-\\d{2}-\\d{2}") && name.compareTo(today.toString()) < 0) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // an old day file left behind costs a few bytes; the next day change tries again
        }
    }
}
