package dev.mailwright.inbound.internal;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.TreeMap;

/** One preallocated segment file of a spool and where its records stand; guarded by the log's lock. */
final class SpoolSegment {
    final long seq;
    final Path path;
    final FileChannel channel;
    long tail;
    long durableEnd;
    long moved;
    /** In consumer mode: the records before this offset were handed to the consumer. */
    long taken;
    /** The offset last written to the progress mark, and when (nanoTime). */
    long marked;
    long markedAt;
    /** In consumer mode: records filed by the consumer beyond {@link #moved}, start offset to end offset. */
    final TreeMap<Long, Long> filed = new TreeMap<>();
    boolean sealed;
    /** Why the segment is kept (renamed) instead of deleted once delivered, or null. */
    String keepBecause;

    SpoolSegment(long seq, Path path, FileChannel channel) {
        this.seq = seq;
        this.path = path;
        this.channel = channel;
    }

    /** @return true once sealed and delivered (or consumed) to its end: the mover deletes it */
    boolean done() {
        return sealed && moved == tail;
    }

    /** Closes the file, ignoring a failure. */
    void closeQuietly() {
        SpoolLog.closeQuietly(channel);
    }

    @Override
    public String toString() {
        return path + " [tail " + tail + ", moved " + moved + "]";
    }
}
