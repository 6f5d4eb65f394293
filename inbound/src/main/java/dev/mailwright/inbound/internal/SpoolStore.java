package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group-committed spool in front of the maildir, for a listener that must acknowledge messages
 * faster than the file system creates and syncs one file per message.
 *
 * <p>A message of at most {@code recordLimit} bytes is appended as one record (magic, lengths,
 * CRC-32C, maildir name, content) to a segment file that was filled with zeros and synced when it
 * was created, so that syncing a record writes data blocks only. The sessions waiting at the same
 * moment share one {@code fdatasync}; {@link #store} returns once a sync that began after its record
 * was written has completed, and only then does the listener answer {@code 250}.
 *
 * <p>A mover thread delivers the records into the maildir ({@link MaildirWriter#deliverAll}: each
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
 * <p>A message larger than {@code recordLimit}, or arriving while the backlog is at
 * {@code backlogCap}, is written straight into the maildir and synced, as without a spool.
 */
public final class SpoolStore implements ListenerStore {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolStore.class);
    private static final int MAGIC = 0x4D575331; // "MWS1"
    private static final int HEADER = 4 + 2 + 4 + 4;
    private static final int MOVE_BATCH_BYTES = 8 << 20;
    private static final long GATHER_NANOS = 1_000_000;
    /** How often an idle mover looks anyway (it is woken when a backlog starts). */
    private static final long IDLE_POLL_MILLIS = 1000;
    private static final int MOVE_BATCH_RECORDS = 512;
    private static final int MOVE_THREADS = 4;
    private static final String SEGMENT_SUFFIX = ".spool";
    private static final String MARK_SUFFIX = ".moved";
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
            if (recordLimit < 1024 || segmentBytes < (long) recordLimit + HEADER + 1024) {
                throw new IllegalArgumentException("a spool segment (" + segmentBytes + " bytes) must hold at least one"
                        + " record of the record limit (" + recordLimit + " bytes, at least 1024)");
            }
        }
    }

    private static final class Segment {
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
        final java.util.TreeMap<Long, Long> filed = new java.util.TreeMap<>();
        boolean sealed;
        /** Why the segment is kept (renamed) instead of deleted once delivered, or null. */
        String keepBecause;

        Segment(long seq, Path path, FileChannel channel) {
            this.seq = seq;
            this.path = path;
            this.channel = channel;
        }
    }

    private final Path dir;
    private final InboundCounters counters;
    private final MaildirWriter maildir;
    private final Tuning tuning;
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final Object lock = new Object();
    private final Object moverSignal = new Object();
    /** Guarded by {@link #moverSignal}: a wake-up not yet seen by the mover. */
    private boolean moverSignalled;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final Thread mover;
    private final ExecutorService writers = Executors.newFixedThreadPool(
            MOVE_THREADS, r -> {
                Thread t = new Thread(r, "mailwright-spool-writer");
                t.setDaemon(true);
                return t;
            });
    private Segment current;
    private Segment prepared;
    private long nextSeq;
    private long written;
    private final GroupCommit commit = new GroupCommit(lock);
    private long backlogBytes;
    private long backlogRecords;
    private long backlogSince;
    private long lastAppend;
    private boolean closing;
    private volatile boolean moverFailing;
    /** Guarded by {@link #lock}: an in-process pipeline takes the records instead of the mover. */
    private boolean consumerMode;
    /** Guarded by {@link #lock}: the mover is delivering a batch into the maildir. */
    private boolean moving;
    private volatile boolean halted;
    /** Transactions begun whose record is not appended yet: a sync waits briefly for them to join it. */
    private final AtomicInteger arriving = new AtomicInteger();
    private volatile Thread gathering;

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
        this.dir = dir;
        this.maildir = maildir;
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
        this.mover = new Thread(this::moveLoop, "mailwright-spool-mover");
        mover.setDaemon(true);
        mover.start();
    }

    @Override
    public void begin() {
        arriving.incrementAndGet();
    }

    @Override
    public void end() {
        leaveGroup();
    }

    /** A transaction will not append (any more): a gathering sync need not wait for it. */
    private void leaveGroup() {
        if (arriving.decrementAndGet() <= 0) {
            Thread g = gathering;
            if (g != null) {
                LockSupport.unpark(g);
            }
        }
    }

    @Override
    public String store(String prefix, InputStream data, long maxBytes) throws IOException {
        boolean[] left = new boolean[1];
        try {
            return spool(prefix, data, maxBytes, left);
        } finally {
            if (!left[0]) {
                leaveGroup();
            }
        }
    }

    private String spool(String prefix, InputStream data, long maxBytes, boolean[] left) throws IOException {
        String name = maildir.uniqueName();
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        int start = HEADER + nameBytes.length;
        int bodyStart = start + prefixBytes.length;
        byte[] buf = new byte[bodyStart + 16384];
        System.arraycopy(nameBytes, 0, buf, HEADER, nameBytes.length);
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
        ByteBuffer header = ByteBuffer.wrap(buf, 0, HEADER);
        header.putInt(MAGIC).putShort((short) nameBytes.length).putInt(len - start);
        CRC32C crc = new CRC32C();
        crc.update(buf, HEADER, len - HEADER);
        header.putInt((int) crc.getValue());
        long ticket = append(buf, len, left);
        if (ticket < 0) {
            return maildir.deliver(name, prefix, new ByteArrayInputStream(buf, bodyStart, len - bodyStart), maxBytes).toString();
        }
        awaitSync(ticket);
        counters.count("listener.spool.records");
        awaitFlow();
        return "spool " + name;
    }

    /**
     * Flow control, as Postfix's {@code in_flow_delay}: while an in-process pipeline is more than
     * {@link #FLOW_BACKLOG} records behind, a session whose record is durable waits (up to
     * {@link #FLOW_DELAY_NANOS}) before its {@code 250}, so that a sustained burst is acknowledged at
     * the rate the pipeline hands replies over instead of growing the spool without bound.
     */
    private void awaitFlow() throws java.io.InterruptedIOException {
        synchronized (lock) {
            long deadline = System.nanoTime() + FLOW_DELAY_NANOS;
            while (consumerMode && !closing && backlogRecords > FLOW_BACKLOG) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    counters.count("listener.spool.flow-delay-expired");
                    return;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for the pipeline");
                }
            }
        }
    }

    /** @return the record's ticket, or -1 when the backlog is at its cap */
    private long append(byte[] record, int len, boolean[] left) throws IOException {
        long ticket;
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
            ticket = ++written;
        }
        left[0] = true;
        leaveGroup();
        return ticket;
    }

    /** Seals the current segment (synced to its end) and starts the next; holds {@link #lock}. */
    private void rotate() throws IOException {
        current.channel.force(false);
        current.durableEnd = current.tail;
        current.sealed = true;
        commit.covered(written);
        Segment next = prepared != null ? prepared : createSegment(nextSeq++);
        prepared = null;
        current = next;
        segments.addLast(next);
    }

    /** Group commit: one caller syncs for every record written before its sync began; the others wait. */
    private void awaitSync(long ticket) throws IOException {
        commit.await(ticket, () -> {
            gather();
            long covered;
            Segment seg;
            long end;
            synchronized (lock) {
                covered = written;
                seg = current;
                end = seg.tail;
            }
            try {
                seg.channel.force(false);
                counters.count("listener.spool.syncs");
            } catch (ClosedChannelException e) {
                if (!seg.sealed) {
                    throw e;
                }
                // sealed (and synced) by a rotation, then delivered and closed by the mover
            }
            boolean started;
            synchronized (lock) {
                seg.durableEnd = Math.max(seg.durableEnd, end);
                started = backlogSince == 0;
                if (started) {
                    backlogSince = System.nanoTime();
                }
            }
            if (started) {
                wakeMover();
            }
            return covered;
        });
    }

    /**
     * Before a sync, waits up to {@link #GATHER_NANOS} for the transactions under way to append
     * their records, so that one sync covers as many sessions as are sending.
     */
    private void gather() {
        if (arriving.get() <= 0) {
            return;
        }
        gathering = Thread.currentThread();
        try {
            long deadline = System.nanoTime() + GATHER_NANOS;
            long left;
            while (arriving.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
            if (arriving.get() > 0) {
                counters.count("listener.spool.gather-timeouts");
            }
        } finally {
            gathering = null;
        }
    }

    private void moveLoop() {
        while (true) {
            Segment seg;
            long from = 0;
            long to = 0;
            boolean prepare;
            boolean delete;
            boolean act;
            long pause;
            synchronized (lock) {
                seg = segments.peekFirst();
                delete = seg != null && seg.sealed && seg.moved == seg.tail;
                boolean pending = seg != null && seg.moved < seg.durableEnd && !consumerMode;
                if (halted || (closing && !delete && !pending)) {
                    return;
                }
                long now = System.nanoTime();
                boolean due = closing || now - lastAppend >= tuning.quiet().toNanos()
                        || (backlogSince != 0 && now - backlogSince >= tuning.maxDelay().toNanos())
                        || backlogRecords < tuning.smallBacklog();
                prepare = !closing && prepared == null && current.tail > tuning.segmentBytes() / 2;
                act = delete || prepare || (pending && due);
                if (act) {
                    from = seg.moved;
                    to = pending && due ? seg.durableEnd : from;
                    moving = to > from;
                }
                pause = pending ? Math.max(1, tuning.quiet().toMillis() / 2) : IDLE_POLL_MILLIS;
            }
            if (!act) {
                // woken when a backlog starts and at close; polled while a burst lasts, not woken by every sync
                pauseMover(pause);
                continue;
            }
            try {
                if (prepare) {
                    Segment p = createSegment(reserveSeq());
                    synchronized (lock) {
                        prepared = p;
                    }
                } else if (delete) {
                    deleteSegment(seg);
                } else {
                    moveBatch(seg, from, to);
                }
                moverFailing = false;
                doneMoving();
            } catch (IOException | RuntimeException e) {
                if (!moverFailing) {
                    LOG.warn("Could not deliver spooled messages from {} into the maildir (retrying every second;"
                            + " they stay in the spool): {}", seg == null ? dir : seg.path, e.toString());
                }
                moverFailing = true;
                doneMoving();
                synchronized (lock) {
                    if (closing) {
                        return;
                    }
                }
                pauseMover(1000);
            }
        }
    }

    private void doneMoving() {
        synchronized (lock) {
            moving = false;
            lock.notifyAll();
        }
    }

    private long reserveSeq() {
        synchronized (lock) {
            return nextSeq++;
        }
    }

    private void pauseMover(long millis) {
        synchronized (moverSignal) {
            try {
                if (!moverSignalled) {
                    moverSignal.wait(millis);
                }
                moverSignalled = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (lock) {
                    closing = true;
                }
            }
        }
    }

    private void wakeMover() {
        synchronized (moverSignal) {
            moverSignalled = true;
            moverSignal.notifyAll();
        }
    }

    private void moveBatch(Segment seg, long from, long to) throws IOException {
        List<Map.Entry<String, ByteBuffer>> batch = new ArrayList<>();
        long at = from;
        long bytes = 0;
        while (at < to && batch.size() < MOVE_BATCH_RECORDS && bytes < MOVE_BATCH_BYTES) {
            Record r = readRecord(seg.channel, at, to);
            if (r == null) {
                if (batch.isEmpty()) {
                    cutShort(seg, at);
                    return;
                }
                break;
            }
            batch.add(Map.entry(r.name, r.content));
            bytes += r.length;
            at += r.length;
        }
        maildir.deliverAll(batch, writers);
        mark(seg, at);
        synchronized (lock) {
            seg.moved = at;
            backlogBytes -= bytes;
            backlogRecords -= batch.size();
            if (backlogBytes == 0) {
                backlogSince = 0;
            }
        }
        LOG.debug("Delivered {} spooled message(s) from {} into the maildir", batch.size(), seg.path);
    }

    /**
     * An acknowledged record that no longer reads back (the disk damaged it): what follows cannot be
     * delivered, so the segment ends here and its file is kept for the administrator.
     */
    private void cutShort(Segment seg, long at) throws IOException {
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

    private void deleteSegment(Segment seg) throws IOException {
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

    private record Record(String name, ByteBuffer content, int length) {
    }

    /** @return the record at {@code at}, or null when there is none that is whole and intact before {@code limit} */
    private static Record readRecord(FileChannel ch, long at, long limit) throws IOException {
        if (limit - at < HEADER) {
            return null;
        }
        ByteBuffer h = ByteBuffer.allocate(HEADER);
        readFully(ch, h, at);
        h.flip();
        int magic = h.getInt();
        int nameLen = Short.toUnsignedInt(h.getShort());
        int bodyLen = h.getInt();
        int crc = h.getInt();
        if (magic != MAGIC || nameLen == 0 || bodyLen < 0 || (long) HEADER + nameLen + bodyLen > limit - at) {
            return null;
        }
        ByteBuffer rest = ByteBuffer.allocate(nameLen + bodyLen);
        readFully(ch, rest, at + HEADER);
        CRC32C check = new CRC32C();
        check.update(rest.array(), 0, rest.capacity());
        if ((int) check.getValue() != crc) {
            return null;
        }
        String name = new String(rest.array(), 0, nameLen, StandardCharsets.US_ASCII);
        if (name.contains("/") || name.startsWith(".")) {
            return null;
        }
        return new Record(name, ByteBuffer.wrap(rest.array(), nameLen, bodyLen).slice(), HEADER + nameLen + bodyLen);
    }

    private static boolean zeros(FileChannel ch, long from, long to) throws IOException {
        if (to <= from) {
            return true;
        }
        ByteBuffer b = ByteBuffer.allocate((int) (to - from));
        readFully(ch, b, from);
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, at + b.position());
            if (n < 0) {
                break;
            }
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
            Segment s = new Segment(seq, p, FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE));
            s.moved = readMark(s);
            s.marked = s.moved;
            long at = s.moved;
            long size = s.channel.size();
            long inSegment = 0;
            Record r;
            while ((r = readRecord(s.channel, at, size)) != null) {
                at += r.length;
                inSegment++;
            }
            records += inSegment;
            if (!zeros(s.channel, at, Math.min(size, at + HEADER))) {
                s.keepBecause = "after " + inSegment + " whole record(s), offset " + at + " holds bytes that are not a"
                        + " whole record: a record torn by a crash (never acknowledged), or damage on disk";
                LOG.warn("Spool segment {}: {}; the file is kept as {}.kept once the records before are delivered", p,
                        s.keepBecause, p.getFileName());
            }
            s.tail = at;
            s.durableEnd = at;
            backlogRecords += inSegment;
            s.sealed = true;
            backlogBytes += at - s.moved;
            segments.addLast(s);
            nextSeq = Math.max(nextSeq, seq + 1);
        }
        if (records > 0) {
            backlogSince = System.nanoTime() - tuning.maxDelay().toNanos();
            LOG.info("Recovered {} spooled message(s) in {}; delivering them into the maildir", records, dir);
        }
    }

    private long readMark(Segment s) throws IOException {
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

    private Path markPath(Segment s) {
        return dir.resolve(String.format("%016d%s", s.seq, MARK_SUFFIX));
    }

    /** A new segment, filled with zeros and synced, so that a record's sync writes data blocks only. */
    private Segment createSegment(long seq) throws IOException {
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
        return new Segment(seq, p, ch);
    }

    /** A record handed to the in-process pipeline; it stays in the spool until {@link #consumed} is told it was filed. */
    public record Taken(long segment, long offset, int length, String name, byte[] content) {
    }

    /**
     * Hands the records to an in-process pipeline from now on ({@link #take}); the mover stops
     * delivering them into the maildir (a batch it is delivering is finished first).
     */
    public void attachConsumer() {
        synchronized (lock) {
            while (moving) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InboundException("interrupted while attaching to the spool " + dir, e);
                }
            }
            consumerMode = true;
            for (Segment s : segments) {
                s.taken = s.moved;
                s.filed.clear();
            }
        }
    }

    /** The pipeline stopped: what it has not filed is delivered into the maildir again by the mover. */
    public void detachConsumer() {
        synchronized (lock) {
            consumerMode = false;
            lock.notifyAll();
        }
        markProgress();
        wakeMover();
    }

    /**
     * @param max the most records
     * @return up to {@code max} acknowledged records not handed out yet, oldest first; empty when
     *     none waits (or no consumer is attached)
     * @throws IOException when the spool cannot be read
     */
    public List<Taken> take(int max) throws IOException {
        List<Segment> open = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        synchronized (lock) {
            if (!consumerMode) {
                return List.of();
            }
            for (Segment seg : segments) {
                if (seg.taken < seg.durableEnd) {
                    open.add(seg);
                    ranges.add(new long[] {seg.taken, seg.durableEnd});
                }
            }
        }
        List<Taken> out = new ArrayList<>();
        for (int i = 0; i < open.size() && out.size() < max; i++) {
            Segment seg = open.get(i);
            long at = ranges.get(i)[0];
            long end = ranges.get(i)[1];
            Record r;
            while (out.size() < max && at < end && (r = readRecord(seg.channel, at, end)) != null) {
                byte[] content = new byte[r.content.remaining()];
                r.content.duplicate().get(content);
                out.add(new Taken(seg.seq, at, r.length, r.name, content));
                at += r.length;
            }
            if (at < end && out.size() < max) {
                LOG.error("Spool segment {}: the acknowledged record at offset {} does not read back; the records"
                        + " after it are delivered into the maildir when the pipeline detaches", seg.path, at);
            }
            synchronized (lock) {
                seg.taken = at;
            }
        }
        return out;
    }

    /**
     * The pipeline filed these records durably (its folders are synced): the spool's progress marks
     * move past every record filed without a gap before it, and segments consumed to their end are deleted.
     *
     * @param records records from {@link #take}
     * @throws IOException when a progress mark cannot be written (the records are then offered again after a restart)
     */
    public void consumed(List<Taken> records) throws IOException {
        List<Segment> touched = new ArrayList<>();
        synchronized (lock) {
            for (Taken t : records) {
                for (Segment seg : segments) {
                    if (seg.seq == t.segment()) {
                        seg.filed.put(t.offset(), t.offset() + t.length());
                        if (!touched.contains(seg)) {
                            touched.add(seg);
                        }
                    }
                }
            }
        }
        for (Segment seg : touched) {
            long at;
            long from;
            int count = 0;
            synchronized (lock) {
                from = seg.moved;
                at = from;
                Long end;
                while ((end = seg.filed.remove(at)) != null) {
                    at = end;
                    count++;
                }
            }
            if (at > from) {
                if (System.nanoTime() - seg.markedAt >= MARK_INTERVAL_NANOS) {
                    mark(seg, at);
                }
                synchronized (lock) {
                    seg.moved = at;
                    backlogBytes -= at - from;
                    backlogRecords -= count;
                    if (backlogBytes == 0) {
                        backlogSince = 0;
                    }
                    lock.notifyAll(); // sessions waiting for the pipeline (awaitFlow)
                }
            }
        }
        wakeMover();
    }

    /**
     * Writes a segment's progress mark. The consumer writes it at most every {@link
     * #MARK_INTERVAL_NANOS} (and when it detaches): a mark behind the truth only makes a restart offer
     * filed records again, which the delivery ledger recognises.
     */
    private void mark(Segment seg, long at) throws IOException {
        DurableFiles.writeAtomically(markPath(seg), Long.toString(at), true);
        seg.marked = at;
        seg.markedAt = System.nanoTime();
    }

    /** Writes the marks the consumer left behind its progress (when it detaches). */
    private void markProgress() {
        Map<Segment, Long> behind = new java.util.LinkedHashMap<>();
        synchronized (lock) {
            for (Segment seg : segments) {
                // a segment consumed to its end is the mover's to delete: no mark may outlive it
                if (seg.moved > seg.marked && !(seg.sealed && seg.moved == seg.tail)) {
                    behind.put(seg, seg.moved);
                }
            }
        }
        for (Map.Entry<Segment, Long> b : behind.entrySet()) {
            Segment seg = b.getKey();
            try {
                mark(seg, b.getValue());
            } catch (IOException e) {
                LOG.warn("Could not write the progress mark of {}: {}; its filed records are offered again at the next"
                        + " start (the delivery ledger keeps them from the handler)", seg.path, e.toString());
            }
        }
    }

    /** @return the counters this spool adds to */
    public InboundCounters counters() {
        return counters;
    }

    /** @return bytes acknowledged and not yet delivered into the maildir */
    public long backlogBytes() {
        synchronized (lock) {
            return backlogBytes;
        }
    }

    /**
     * Stops accepting, delivers what is left into the maildir (waiting up to a minute), and releases
     * the spool. What cannot be delivered stays in the spool for the next start.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing && !mover.isAlive()) {
                return;
            }
            closing = true;
            consumerMode = false;
            lock.notifyAll();
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
        wakeMover();
        awaitMover(60_000);
        synchronized (lock) {
            if (mover.isAlive() || backlogBytes > 0) {
                LOG.warn("{} byte(s) of acknowledged messages are still in the spool {}; they are delivered into the"
                        + " maildir when a listener opens it again", backlogBytes, dir);
            }
            for (Segment s : segments) {
                closeQuietly(s.channel);
            }
            if (prepared != null) {
                closeQuietly(prepared.channel);
                try {
                    Files.deleteIfExists(prepared.path);
                } catch (IOException e) {
                    // an empty segment: the next start deletes it
                }
            }
        }
        writers.shutdownNow();
        try {
            dirLock.release();
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(lockChannel);
    }

    /**
     * Waits for the mover to finish, even when the closing thread is interrupted (a command stopped
     * with Ctrl-C closes the listener from an interrupted thread): the interrupt is kept for later.
     */
    private void awaitMover(long millis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (mover.isAlive() && deadline - System.nanoTime() > 0) {
            try {
                mover.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the mover and releases the spool without delivering or syncing anything more, leaving
     * the files as a killed process leaves them (for tests of recovery).
     */
    void halt() {
        synchronized (lock) {
            halted = true;
            closing = true;
        }
        wakeMover();
        try {
            mover.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writers.shutdownNow();
        synchronized (lock) {
            for (Segment seg : segments) {
                closeQuietly(seg.channel);
            }
            if (prepared != null) {
                closeQuietly(prepared.channel);
            }
        }
        try {
            dirLock.release();
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
