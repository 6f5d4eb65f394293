package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mover of a {@link SpoolStore}: a thread that delivers the durable records into the maildir
 * ({@link MaildirWriter#deliverAll}: each file written and synced, renamed into {@code new/},
 * {@code new/} synced), advances the segment's progress mark, deletes a segment delivered to its
 * end and prepares the next segment before the current one fills. A small backlog is delivered at
 * once, a larger one once the listener has been quiet for {@code quiet} or a record has waited
 * {@code maxDelay}. While an in-process pipeline consumes the records it only deletes and prepares.
 */
final class SpoolMover {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolStore.class);
    private static final int MOVE_BATCH_BYTES = 8 << 20;
    /** How often an idle mover looks anyway (it is woken when a backlog starts). */
    private static final long IDLE_POLL_MILLIS = 1000;
    private static final int MOVE_BATCH_RECORDS = 512;
    private static final int MOVE_THREADS = 4;

    private final SpoolLog log;
    private final MaildirWriter maildir;
    private final Thread thread;
    private final ExecutorService writers = Executors.newFixedThreadPool(MOVE_THREADS, r -> {
        Thread t = new Thread(r, "mailwright-spool-writer");
        t.setDaemon(true);
        return t;
    });
    private final Object signal = new Object();
    /** Guarded by {@link #signal}: a wake-up not yet seen by the mover. */
    private boolean signalled;
    private volatile boolean failing;

    /** What one turn of the loop decided, under the lock. */
    private record Turn(SpoolSegment seg, long from, long to, boolean prepare, boolean delete, boolean act, long pause) {
    }

    SpoolMover(SpoolLog log, MaildirWriter maildir) {
        this.log = log;
        this.maildir = maildir;
        this.thread = new Thread(this::loop, "mailwright-spool-mover");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (true) {
            Turn turn = decide();
            if (turn == null) {
                return;
            }
            if (!turn.act()) {
                // woken when a backlog starts and at close; polled while a burst lasts, not woken by every sync
                pause(turn.pause());
                continue;
            }
            try {
                if (turn.prepare()) {
                    SpoolSegment p = log.createSegment(log.reserveSeq());
                    synchronized (log.lock) {
                        log.prepared = p;
                    }
                } else if (turn.delete()) {
                    log.deleteSegment(turn.seg());
                } else {
                    moveBatch(turn.seg(), turn.from(), turn.to());
                }
                failing = false;
                doneMoving();
            } catch (IOException | RuntimeException e) {
                if (!failing) {
                    LOG.warn("Could not deliver spooled messages from {} into the maildir (retrying every second;"
                            + " they stay in the spool): {}", turn.seg() == null ? log.dir : turn.seg().path, e.toString());
                }
                failing = true;
                doneMoving();
                synchronized (log.lock) {
                    if (log.closing) {
                        return;
                    }
                }
                pause(1000);
            }
        }
    }

    /** @return what to do now, or null when the mover is done */
    private Turn decide() {
        synchronized (log.lock) {
            SpoolSegment seg = log.segments.peekFirst();
            boolean delete = seg != null && seg.done();
            boolean pending = seg != null && seg.moved < seg.durableEnd && !log.consumerMode;
            if (log.halted || (log.closing && !delete && !pending)) {
                return null;
            }
            long now = System.nanoTime();
            SpoolStore.Tuning tuning = log.tuning;
            boolean due = log.closing || now - log.lastAppend >= tuning.quiet().toNanos()
                    || (log.backlogSince != 0 && now - log.backlogSince >= tuning.maxDelay().toNanos())
                    || log.backlogRecords < tuning.smallBacklog();
            boolean prepare = !log.closing && log.prepared == null && log.current.tail > tuning.segmentBytes() / 2;
            boolean act = delete || prepare || (pending && due);
            long from = 0;
            long to = 0;
            if (act) {
                from = seg.moved;
                to = pending && due ? seg.durableEnd : from;
                log.moving = to > from;
            }
            long pause = pending ? Math.max(1, tuning.quiet().toMillis() / 2) : IDLE_POLL_MILLIS;
            return new Turn(seg, from, to, prepare, delete, act, pause);
        }
    }

    private void doneMoving() {
        synchronized (log.lock) {
            log.moving = false;
            log.lock.notifyAll();
        }
    }

    private void pause(long millis) {
        synchronized (signal) {
            try {
                if (!signalled) {
                    signal.wait(millis);
                }
                signalled = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (log.lock) {
                    log.closing = true;
                }
            }
        }
    }

    /** Wakes the mover: a backlog started, the consumer filed or detached, or the spool is closing. */
    void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void moveBatch(SpoolSegment seg, long from, long to) throws IOException {
        List<Map.Entry<String, ByteBuffer>> batch = new ArrayList<>();
        long at = from;
        long bytes = 0;
        while (at < to && batch.size() < MOVE_BATCH_RECORDS && bytes < MOVE_BATCH_BYTES) {
            SpoolRecord r = SpoolRecord.read(seg.channel, at, to);
            if (r == null) {
                if (batch.isEmpty()) {
                    log.cutShort(seg, at);
                    return;
                }
                break;
            }
            batch.add(Map.entry(r.name(), r.content()));
            bytes += r.length();
            at += r.length();
        }
        maildir.deliverAll(batch, writers);
        log.mark(seg, at);
        synchronized (log.lock) {
            seg.moved = at;
            log.shrinkBacklog(bytes, batch.size());
        }
        LOG.debug("Delivered {} spooled message(s) from {} into the maildir", batch.size(), seg.path);
    }

    /** @return whether the mover thread still runs */
    boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Waits for the mover to finish, even when the closing thread is interrupted (a command stopped
     * with Ctrl-C closes the listener from an interrupted thread): the interrupt is kept for later.
     */
    void await(long millis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (thread.isAlive() && deadline - System.nanoTime() > 0) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to 10 s for the mover (for a halt), keeping an interrupt. */
    void join() {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the writer threads. */
    void shutdown() {
        writers.shutdownNow();
    }
}
