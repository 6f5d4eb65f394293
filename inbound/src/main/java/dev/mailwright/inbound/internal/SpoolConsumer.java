package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.InboundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process pipeline's side of a {@link SpoolStore}: while it is attached it takes the
 * acknowledged records instead of the mover, tells which it filed (the progress marks move past
 * every record filed without a gap before it), and sessions wait for it when it falls too far
 * behind (flow control, as Postfix's {@code in_flow_delay}).
 */
final class SpoolConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolStore.class);

    private final SpoolLog log;
    private final SpoolMover mover;
    private final InboundCounters counters;

    SpoolConsumer(SpoolLog log, SpoolMover mover, InboundCounters counters) {
        this.log = log;
        this.mover = mover;
        this.counters = counters;
    }

    /** See {@link SpoolStore#attachConsumer()}. */
    void attach() {
        synchronized (log.lock) {
            while (log.moving) {
                try {
                    log.lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InboundException("interrupted while attaching to the spool " + log.dir, e);
                }
            }
            log.consumerMode = true;
            for (SpoolSegment s : log.segments) {
                s.taken = s.moved;
                s.filed.clear();
            }
        }
    }

    /** See {@link SpoolStore#detachConsumer()}. */
    void detach() {
        synchronized (log.lock) {
            log.consumerMode = false;
            log.lock.notifyAll();
        }
        markProgress();
        mover.wake();
    }

    /**
     * Flow control: while the pipeline is more than {@link SpoolStore#FLOW_BACKLOG} records behind,
     * a session whose record is durable waits (up to {@link SpoolStore#FLOW_DELAY_NANOS}) before
     * its {@code 250}, so that a sustained burst is acknowledged at the rate the pipeline hands
     * replies over instead of growing the spool without bound.
     */
    void awaitFlow() throws InterruptedIOException {
        synchronized (log.lock) {
            long deadline = System.nanoTime() + SpoolStore.FLOW_DELAY_NANOS;
            while (log.consumerMode && !log.closing && log.backlogRecords > SpoolStore.FLOW_BACKLOG) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    counters.count("listener.spool.flow-delay-expired");
                    return;
                }
                try {
                    log.lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the pipeline");
                }
            }
        }
    }

    /** See {@link SpoolStore#take(int)}. */
    List<SpoolStore.Taken> take(int max) throws IOException {
        List<SpoolSegment> open = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        synchronized (log.lock) {
            if (!log.consumerMode) {
                return List.of();
            }
            for (SpoolSegment seg : log.segments) {
                if (seg.taken < seg.durableEnd) {
                    open.add(seg);
                    ranges.add(new long[] {seg.taken, seg.durableEnd});
                }
            }
        }
        List<SpoolStore.Taken> out = new ArrayList<>();
        for (int i = 0; i < open.size() && out.size() < max; i++) {
            SpoolSegment seg = open.get(i);
            long at = ranges.get(i)[0];
            long end = ranges.get(i)[1];
            SpoolRecord r;
            while (out.size() < max && at < end && (r = SpoolRecord.read(seg.channel, at, end)) != null) {
                byte[] content = new byte[r.content().remaining()];
                r.content().duplicate().get(content);
                out.add(new SpoolStore.Taken(seg.seq, at, r.length(), r.name(), content));
                at += r.length();
            }
            if (at < end && out.size() < max) {
                LOG.error("Spool segment {}: the acknowledged record at offset {} does not read back; the records"
                        + " after it are delivered into the maildir when the pipeline detaches", seg.path, at);
            }
            synchronized (log.lock) {
                seg.taken = at;
            }
        }
        return out;
    }

    /** See {@link SpoolStore#consumed(List)}. */
    void consumed(List<SpoolStore.Taken> records) throws IOException {
        List<SpoolSegment> touched = new ArrayList<>();
        synchronized (log.lock) {
            for (SpoolStore.Taken t : records) {
                for (SpoolSegment seg : log.segments) {
                    if (seg.seq == t.segment()) {
                        seg.filed.put(t.offset(), t.offset() + t.length());
                        if (!touched.contains(seg)) {
                            touched.add(seg);
                        }
                    }
                }
            }
        }
        for (SpoolSegment seg : touched) {
            advance(seg);
        }
        mover.wake();
    }

    /** Moves a segment's progress past the records filed without a gap. */
    private void advance(SpoolSegment seg) throws IOException {
        long at;
        long from;
        int count = 0;
        synchronized (log.lock) {
            from = seg.moved;
            at = from;
            Long end;
            while ((end = seg.filed.remove(at)) != null) {
                at = end;
                count++;
            }
        }
        if (at > from) {
            if (System.nanoTime() - seg.markedAt >= SpoolStore.MARK_INTERVAL_NANOS) {
                log.mark(seg, at);
            }
            synchronized (log.lock) {
                seg.moved = at;
                log.shrinkBacklog(at - from, count);
                log.lock.notifyAll(); // sessions waiting for the pipeline (awaitFlow)
            }
        }
    }

    /** Writes the marks the consumer left behind its progress (when it detaches). */
    private void markProgress() {
        Map<SpoolSegment, Long> behind = new LinkedHashMap<>();
        synchronized (log.lock) {
            for (SpoolSegment seg : log.segments) {
                // a segment consumed to its end is the mover's to delete: no mark may outlive it
                if (seg.moved > seg.marked && !seg.done()) {
                    behind.put(seg, seg.moved);
                }
            }
        }
        for (Map.Entry<SpoolSegment, Long> b : behind.entrySet()) {
            SpoolSegment seg = b.getKey();
            try {
                log.mark(seg, b.getValue());
            } catch (IOException e) {
                LOG.warn("Could not write the progress mark of {}: {}; its filed records are offered again at the next"
                        + " start (the delivery ledger keeps them from the handler)", seg.path, e.toString());
            }
        }
    }
}
