package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment log of a {@link SpoolStore}: the spool directory and its lock, the preallocated
 * segment files records are appended to, their progress marks ({@code <segment>.moved}), the
 * recovery of what an earlier run left, and the state that the group sync, the mover and the
 * consumer share, guarded by {@link #lock}.
 */
final class SpoolLog {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolStore.class);
    private static final String SEGMENT_SUFFIX = ".spool";
    private static final String MARK_SUFFIX = ".moved";

    final Path dir;
    final SpoolStore.Tuning tuning;
    final Object lock = new Object();
    final GroupCommit commit = new GroupCommit(lock);
    private final FileChannel lockChannel;
    private final FileLock dirLock;

    // everything below is guarded by lock
    final Deque<SpoolSegment> segments = new ArrayDeque<>();
    SpoolSegment current;
    SpoolSegment prepared;
    long nextSeq;
    /** The ticket of the last record appended. */
    long written;
    long backlogBytes;
    long backlogRecords;
    /** When the backlog started (nanoTime), 0 without one. */
    long backlogSince;
    long lastAppend;
    boolean closing;
    /** An in-process pipeline takes the records instead of the mover. */
    boolean consumerMode;
    /** The mover is delivering a batch into the maildir. */
    boolean moving;
    volatile boolean halted;

    /**
     * Locks the directory, recovers the segments an earlier run left and creates the first one.
     *
     * @throws InboundException when the directory cannot be used or another listener holds it
     */
    SpoolLog(Path dir, SpoolStore.Tuning tuning) {
        this.dir = dir;
        this.tuning = tuning;
        try {
            Files.createDirectories(dir);
            this.lockChannel = FileChannel.open(dir.resolve("spool.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                lockChannel.close();
                throw new InboundException("The spool " + dir + " is in use by another listener: give each listener its"
                        + " own spool directory.");
            }
            this.dirLock = l;
            recover();
            current = createSegment(nextSeq++);
            segments.addLast(current);
        } catch (IOException e) {
            throw new InboundException("Cannot open the spool " + dir + ": " + e.getMessage()
                    + ". Check the path and that this process may write there.", e);
        }
    }

    /** @return the record's ticket, or -1 when the backlog is at its cap */
    long append(byte[] record, int len) throws IOException {
        synchronized (lock) {
            if (closing) {
                throw new IOException("the spool is closing");
            }
            if (backlogBytes + len > tuning.backlogCap()) {
                return -1;
            }
            if (current.tail + len > tuning.segmentBytes()) {
                rotate();
            }
            ByteBuffer b = ByteBuffer.wrap(record, 0, len);
            long at = current.tail;
            while (b.hasRemaining()) {
                at += current.channel.write(b, at);
            }
            current.tail = at;
            backlogBytes += len;
            backlogRecords++;
            lastAppend = System.nanoTime();
            return ++written;
        }
    }

    /** Seals the current segment (synced to its end) and starts the next; holds {@link #lock}. */
    void rotate() throws IOException {
        current.channel.force(false);
        current.durableEnd = current.tail;
        current.sealed = true;
        commit.covered(written);
        SpoolSegment next = prepared != null ? prepared : createSegment(nextSeq++);
        prepared = null;
        current = next;
        segments.addLast(next);
    }

    /** Records delivered or filed: the backlog shrinks; holds {@link #lock}. */
    void shrinkBacklog(long bytes, long records) {
        backlogBytes -= bytes;
        backlogRecords -= records;
        if (backlogBytes == 0) {
            backlogSince = 0;
        }
    }

    long reserveSeq() {
        synchronized (lock) {
            return nextSeq++;
        }
    }

    /** A new segment, filled with zeros and synced, so that a record's sync writes data blocks only. */
    SpoolSegment createSegment(long seq) throws IOException {
        Path p = dir.resolve(String.format("%016d%s", seq, SEGMENT_SUFFIX));
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            DurableFiles.fillWithZeros(ch, tuning.segmentBytes());
            ch.force(true);
            DurableFiles.syncDirectory(dir);
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(p);
            throw e;
        }
        return new SpoolSegment(seq, p, ch);
    }

    /**
     * An acknowledged record that no longer reads back (the disk damaged it): what follows cannot be
     * delivered, so the segment ends here and its file is kept for the administrator.
     */
    void cutShort(SpoolSegment seg, long at) throws IOException {
        synchronized (lock) {
            if (seg == current && !closing) {
                rotate();
            }
            seg.sealed = true;
            long lost = seg.tail - at;
            seg.tail = at;
            seg.durableEnd = at;
            backlogBytes -= lost;
            seg.keepBecause = "the acknowledged record at offset " + at + " does not read back (damaged on disk); "
                    + lost + " byte(s) from there on were not delivered";
        }
        LOG.error("Spool segment {}: {}; the file is kept for inspection", seg.path, seg.keepBecause);
    }

    /** Deletes a segment delivered to its end with its mark, or keeps it renamed with the reason beside it. */
    void deleteSegment(SpoolSegment seg) throws IOException {
        seg.channel.close();
        if (seg.keepBecause != null) {
            Path kept = seg.path.resolveSibling(seg.path.getFileName() + ".kept");
            Files.move(seg.path, kept, StandardCopyOption.REPLACE_EXISTING);
            DurableFiles.writeAtomically(kept.resolveSibling(kept.getFileName() + ".reason"), seg.keepBecause + "\n", true);
            LOG.warn("Kept {} ({}); delete it once inspected", kept, seg.keepBecause);
        } else {
            Files.deleteIfExists(seg.path);
        }
        Files.deleteIfExists(markPath(seg));
        synchronized (lock) {
            segments.remove(seg);
        }
    }

    /** Scans the segments an earlier run left; holds no lock (constructor). */
    private void recover() throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SEGMENT_SUFFIX)) {
            files.forEach(found::add);
        }
        found.sort(null);
        long records = 0;
        for (Path p : found) {
            String base = p.getFileName().toString();
            long seq;
            try {
                seq = Long.parseLong(base.substring(0, base.length() - SEGMENT_SUFFIX.length()));
            } catch (NumberFormatException e) {
                LOG.warn("Ignoring {} in the spool: not a segment name", p);
                continue;
            }
            records += recoverSegment(new SpoolSegment(seq, p, FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)));
        }
        if (records > 0) {
            backlogSince = System.nanoTime() - tuning.maxDelay().toNanos();
            LOG.info("Recovered {} spooled message(s) in {}; delivering them into the maildir", records, dir);
        }
    }

    /** @return how many whole records the segment holds past its progress mark */
    private long recoverSegment(SpoolSegment s) throws IOException {
        s.moved = readMark(s);
        s.marked = s.moved;
        long at = s.moved;
        long size = s.channel.size();
        long inSegment = 0;
        SpoolRecord r;
        while ((r = SpoolRecord.read(s.channel, at, size)) != null) {
            at += r.length();
            inSegment++;
        }
        if (!SpoolRecord.zeros(s.channel, at, Math.min(size, at + SpoolRecord.HEADER))) {
            s.keepBecause = "after " + inSegment + " whole record(s), offset " + at + " holds bytes that are not a"
                    + " whole record: a record torn by a crash (never acknowledged), or damage on disk";
            LOG.warn("Spool segment {}: {}; the file is kept as {}.kept once the records before are delivered", s.path,
                    s.keepBecause, s.path.getFileName());
        }
        s.tail = at;
        s.durableEnd = at;
        backlogRecords += inSegment;
        s.sealed = true;
        backlogBytes += at - s.moved;
        segments.addLast(s);
        nextSeq = Math.max(nextSeq, s.seq + 1);
        return inSegment;
    }

    private long readMark(SpoolSegment s) throws IOException {
        Path mark = markPath(s);
        if (!Files.exists(mark)) {
            return 0;
        }
        String text = Files.readString(mark).strip();
        try {
            long v = Long.parseLong(text);
            if (v >= 0 && v <= s.channel.size()) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        LOG.warn("The progress mark {} holds '{}', not an offset in the segment; delivering the segment from its start"
                + " (messages already in new/ or cur/ are skipped)", mark, text);
        return 0;
    }

    private Path markPath(SpoolSegment s) {
        return dir.resolve(String.format("%016d%s", s.seq, MARK_SUFFIX));
    }

    /**
     * Writes a segment's progress mark. The consumer writes it at most every {@link
     * SpoolStore#MARK_INTERVAL_NANOS} (and when it detaches): a mark behind the truth only makes a
     * restart offer filed records again, which the delivery ledger recognises.
     */
    void mark(SpoolSegment seg, long at) throws IOException {
        DurableFiles.writeAtomically(markPath(seg), Long.toString(at), true);
        seg.marked = at;
        seg.markedAt = System.nanoTime();
    }

    /** Closes every segment file; with {@code deletePrepared}, deletes the segment prepared in advance; holds {@link #lock}. */
    void closeSegments(boolean deletePrepared) {
        for (SpoolSegment s : segments) {
            s.closeQuietly();
        }
        if (prepared != null) {
            prepared.closeQuietly();
            if (deletePrepared) {
                try {
                    Files.deleteIfExists(prepared.path);
                } catch (IOException e) {
                    // an empty segment: the next start deletes it
                }
            }
        }
    }

    /** Releases the directory lock. */
    void release() {
        try {
            dirLock.release();
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(lockChannel);
    }

    static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
