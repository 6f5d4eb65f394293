package dev.mailwright.inbound.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The group sync of a {@link SpoolStore}: the sessions waiting at the same moment share one
 * {@code fdatasync} of the current segment ({@link GroupCommit}), and the one that leads it first
 * waits briefly for the transactions under way to append their records, so that one sync covers
 * as many sessions as are sending.
 */
final class SpoolSync {
    private static final long GATHER_NANOS = 1_000_000;

    private final SpoolLog log;
    private final InboundCounters counters;
    private final Runnable backlogStarted;
    /** Transactions begun whose record is not appended yet: a sync waits briefly for them to join it. */
    private final AtomicInteger arriving = new AtomicInteger();
    private volatile Thread gathering;

    /**
     * @param log the segment log
     * @param counters where syncs and gather timeouts are counted
     * @param backlogStarted called (without the lock) when a sync makes the first record of a backlog durable
     */
    SpoolSync(SpoolLog log, InboundCounters counters, Runnable backlogStarted) {
        this.log = log;
        this.counters = counters;
        this.backlogStarted = backlogStarted;
    }

    /** A transaction began: it may append a record soon. */
    void join() {
        arriving.incrementAndGet();
    }

    /** A transaction will not append (any more): a gathering sync need not wait for it. */
    void leave() {
        if (arriving.decrementAndGet() <= 0) {
            Thread g = gathering;
            if (g != null) {
                LockSupport.unpark(g);
            }
        }
    }

    /** Group commit: one caller syncs for every record written before its sync began; the others wait. */
    void await(long ticket) throws IOException {
        log.commit.await(ticket, this::sync);
    }

    private long sync() throws IOException {
        gather();
        long covered;
        SpoolSegment seg;
        long end;
        synchronized (log.lock) {
            covered = log.written;
            seg = log.current;
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
        synchronized (log.lock) {
            seg.durableEnd = Math.max(seg.durableEnd, end);
            started = log.backlogSince == 0;
            if (started) {
                log.backlogSince = System.nanoTime();
            }
        }
        if (started) {
            backlogStarted.run();
        }
        return covered;
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
}
