package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group-committed spool in front of the maildir, for a listener that must acknowledge messages
 * faster than the file system creates and syncs one file per message.
 *
 * <p>A message of at most {@code recordLimit} bytes is appended as one record (magic, lengths,
 * CRC-32C, maildir name, content) to a segment file that was filled with zeros and synced when it
 * was created, so that syncing a record writes data blocks only. The sessions waiting at the same
 * moment share one {@code fdatasync} ({@link SpoolSync}); {@link #store} returns once a sync that began after its record
 * was written has completed, and only then does the listener answer {@code 250}.
 *
 * <p>A mover thread ({@link SpoolMover}) delivers the records into the maildir ({@link MaildirWriter#deliverAll}: each
 * file written and synced, renamed into {@code new/}, {@code new/} synced), keeping its progress in
 * {@code <segment>.moved}; a segment delivered to its end is deleted. A backlog of a few records is
 * delivered at once; a larger one once the listener has been quiet for {@code quiet} or a record
 * has waited {@code maxDelay}: a burst is
 * acknowledged at the rate of the spool and filed at the rate of the disk right after it, instead
 * of the two competing for the CPU while it lasts.
 *
 * <p>On start, segments left by an earlier run are scanned from their progress mark; a segment's
 * records end at the first one whose magic, lengths or checksum is wrong (a record torn by the
 * crash, never acknowledged). Every record found is delivered; a name already in {@code new/} or
 * {@code cur/} is skipped, so a crash between delivery and the progress mark costs no duplicate
 * unless the pipeline had already claimed the file (the pipeline's ledger then keeps the handler
 * from seeing it twice).
 *
 * <p>The segment files, their marks and the recovery are the {@link SpoolLog}; an in-process
 * pipeline takes the records through {@link SpoolConsumer} instead of the mover.
 *
 * <p>A message larger than {@code recordLimit}, or arriving while the backlog is at
 * {@code backlogCap}, is written straight into the maildir and synced, as without a spool.
 */
public final class SpoolStore implements ListenerStore {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolStore.class);
    /** With an in-process pipeline: the longest between two writes of a segment's progress mark. */
    static final long MARK_INTERVAL_NANOS = 250_000_000L;
    /** With an in-process pipeline: how many acknowledged records it may be behind before sessions wait. */
    static final int FLOW_BACKLOG = 256;
    /** The longest a session waits for the pipeline before its {@code 250} (Postfix's {@code in_flow_delay}). */
    static final long FLOW_DELAY_NANOS = 1_000_000_000L;

    /**
     * Tuning of a spool.
     *
     * @param segmentBytes the size of a segment file
     * @param recordLimit the largest message kept in the spool (larger ones go straight to the maildir)
     * @param backlogCap the most bytes waiting for the mover before messages go straight to the maildir
     * @param quiet how long the listener must be quiet before the mover starts
     * @param maxDelay how long a record may wait before the mover starts anyway
     * @param smallBacklog a backlog of fewer records than this is delivered at once, busy listener or not
     */
    public record Tuning(long segmentBytes, int recordLimit, long backlogCap, Duration quiet, Duration maxDelay,
            int smallBacklog) {
        /** The defaults: 64 MiB segments, 1 MiB records, 512 MiB backlog, 50 ms quiet, 5 s delay, 32 records. */
        public static final Tuning DEFAULT = new Tuning(64L << 20, 1 << 20, 512L << 20, Duration.ofMillis(50),
                Duration.ofSeconds(5), 32);

        /** Checks the values. */
        public Tuning {
            if (recordLimit < 1024 || segmentBytes < (long) recordLimit + SpoolRecord.HEADER + 1024) {
                throw new IllegalArgumentException("a spool segment (" + segmentBytes + " bytes) must hold at least one"
                        + " record of the record limit (" + recordLimit + " bytes, at least 1024)");
            }
        }
    }

    private final InboundCounters counters;
    private final MaildirWriter maildir;
    private final Tuning tuning;
    private final SpoolLog log;
    private final SpoolSync sync;
    private final SpoolMover mover;
    private final SpoolConsumer consumer;

    /**
     * Opens the spool, recovering what an earlier run left in it, and starts the mover.
     *
     * @param dir the spool directory (created when missing; one listener at a time)
     * @param maildir where the records are delivered
     * @param tuning sizes and delays
     * @throws InboundException when the directory cannot be used or another listener holds it
     */
    public SpoolStore(Path dir, MaildirWriter maildir, Tuning tuning) {
        this(dir, maildir, tuning, new InboundCounters());
    }

    /**
     * Opens the spool, recovering what an earlier run left in it, and starts the mover.
     *
     * @param dir the spool directory (created when missing; one listener at a time)
     * @param maildir where the records are delivered
     * @param tuning sizes and delays
     * @param counters the listener's counters ({@code listener.spool.*})
     * @throws InboundException when the directory cannot be used or another listener holds it
     */
    public SpoolStore(Path dir, MaildirWriter maildir, Tuning tuning, InboundCounters counters) {
        this.counters = counters;
        this.maildir = maildir;
        this.tuning = tuning;
        this.log = new SpoolLog(dir, tuning);
        this.mover = new SpoolMover(log, maildir);
        this.sync = new SpoolSync(log, counters, mover::wake);
        this.consumer = new SpoolConsumer(log, mover, counters);
        mover.start();
    }

    @Override
    public void begin() {
        sync.join();
    }

    @Override
    public void end() {
        sync.leave();
    }

    @Override
    public String store(String prefix, InputStream data, long maxBytes) throws IOException {
        boolean[] left = new boolean[1];
        try {
            return spool(prefix, data, maxBytes, left);
        } finally {
            if (!left[0]) {
                sync.leave();
            }
        }
    }

    private String spool(String prefix, InputStream data, long maxBytes, boolean[] left) throws IOException {
        String name = maildir.uniqueName();
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        int start = SpoolRecord.HEADER + nameBytes.length;
        int bodyStart = start + prefixBytes.length;
        byte[] buf = new byte[bodyStart + 16384];
        System.arraycopy(nameBytes, 0, buf, SpoolRecord.HEADER, nameBytes.length);
        System.arraycopy(prefixBytes, 0, buf, start, prefixBytes.length);
        int len = bodyStart;
        long total = 0;
        while (true) {
            if (len == buf.length) {
                if (len - start > tuning.recordLimit()) {
                    InputStream rest = new SequenceInputStream(new ByteArrayInputStream(buf, bodyStart, len - bodyStart), data);
                    return maildir.deliver(name, prefix, rest, maxBytes).toString();
                }
                buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, (long) start + tuning.recordLimit() + 1));
            }
            int n = data.read(buf, len, buf.length - len);
            if (n < 0) {
                break;
            }
            total += n;
            if (total > maxBytes) {
                throw new MaildirWriter.TooLargeException(maxBytes);
            }
            len += n;
        }
        if (len - start > tuning.recordLimit()) {
            return maildir.deliver(name, prefix, new ByteArrayInputStream(buf, bodyStart, len - bodyStart), maxBytes).toString();
        }
        SpoolRecord.writeHeader(buf, nameBytes.length, len);
        long ticket = log.append(buf, len);
        if (ticket < 0) {
            return maildir.deliver(name, prefix, new ByteArrayInputStream(buf, bodyStart, len - bodyStart), maxBytes).toString();
        }
        left[0] = true;
        sync.leave();
        sync.await(ticket);
        counters.count("listener.spool.records");
        consumer.awaitFlow();
        return "spool " + name;
    }

    /** A record handed to the in-process pipeline; it stays in the spool until {@link #consumed} is told it was filed. */
    public record Taken(long segment, long offset, int length, String name, byte[] content) {
    }

    /**
     * Hands the records to an in-process pipeline from now on ({@link #take}); the mover stops
     * delivering them into the maildir (a batch it is delivering is finished first).
     */
    public void attachConsumer() {
        consumer.attach();
    }

    /** The pipeline stopped: what it has not filed is delivered into the maildir again by the mover. */
    public void detachConsumer() {
        consumer.detach();
    }

    /**
     * @param max the most records
     * @return up to {@code max} acknowledged records not handed out yet, oldest first; empty when
     *     none waits (or no consumer is attached)
     * @throws IOException when the spool cannot be read
     */
    public List<Taken> take(int max) throws IOException {
        return consumer.take(max);
    }

    /**
     * The pipeline filed these records durably (its folders are synced): the spool's progress marks
     * move past every record filed without a gap before it, and segments consumed to their end are deleted.
     *
     * @param records records from {@link #take}
     * @throws IOException when a progress mark cannot be written (the records are then offered again after a restart)
     */
    public void consumed(List<Taken> records) throws IOException {
        consumer.consumed(records);
    }

    /** @return the counters this spool adds to */
    public InboundCounters counters() {
        return counters;
    }

    /** @return bytes acknowledged and not yet delivered into the maildir */
    public long backlogBytes() {
        synchronized (log.lock) {
            return log.backlogBytes;
        }
    }

    /**
     * Stops accepting, delivers what is left into the maildir (waiting up to a minute), and releases
     * the spool. What cannot be delivered stays in the spool for the next start.
     */
    @Override
    public void close() {
        synchronized (log.lock) {
            if (log.closing && !mover.isAlive()) {
                return;
            }
            log.closing = true;
            log.consumerMode = false;
            log.lock.notifyAll();
            SpoolSegment current = log.current;
            try {
                if (current.tail > current.durableEnd) {
                    current.channel.force(false);
                    current.durableEnd = current.tail;
                }
                current.sealed = true;
            } catch (IOException e) {
                LOG.warn("Could not sync the spool segment {} at close: {}", current.path, e.toString());
            }
        }
        mover.wake();
        mover.await(60_000);
        synchronized (log.lock) {
            if (mover.isAlive() || log.backlogBytes > 0) {
                LOG.warn("{} byte(s) of acknowledged messages are still in the spool {}; they are delivered into the"
                        + " maildir when a listener opens it again", log.backlogBytes, log.dir);
            }
            log.closeSegments(true);
        }
        mover.shutdown();
        log.release();
    }

    /**
     * Stops the mover and releases the spool without delivering or syncing anything more, leaving
     * the files as a killed process leaves them (for tests of recovery).
     */
    void halt() {
        synchronized (log.lock) {
            log.halted = true;
            log.closing = true;
        }
        mover.wake();
        mover.join();
        mover.shutdown();
        synchronized (log.lock) {
            log.closeSegments(false);
        }
        log.release();
    }
}
