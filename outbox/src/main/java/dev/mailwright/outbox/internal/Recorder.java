package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.OutboxException;
import dev.mailwright.outbox.OutboxListener;
import dev.mailwright.outbox.spi.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the workers' outcomes in batches on its own thread: a worker hands its outcome over and
 * takes the next entry, and the outcomes handed over meanwhile are recorded in one transaction (one
 * durable commit). While the store is unavailable (a database restart, a full disk) the batch is
 * tried again; its entries stay leased and in flight, and the listener hears of each once it is
 * recorded.
 */
final class Recorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private static final int MAX_BATCH = 512;
    private static final long MAX_WAIT_MS = 5_000;

    private final NodeConfig config;
    private final Consumer<Outcome> settled;
    private final LinkedBlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean open = true;
    private volatile long giveUpAt = Long.MAX_VALUE;

    /**
     * @param config the node's configuration
     * @param settled told of each outcome once it is recorded (or given up): the entry is no longer in flight
     */
    Recorder(NodeConfig config, Consumer<Outcome> settled) {
        this.config = config;
        this.settled = settled;
        this.thread = Threads.named("mailwright-outbox-recorder").newThread(this::loop);
        thread.start();
    }

    /** @param o an outcome to record; returns at once */
    void record(Outcome o) {
        queue.add(o);
    }

    /** @param released entries claimed but not started: released at once, best effort (their leases expire otherwise) */
    void releaseNow(List<Outcome> released) {
        try {
            config.store().settle(config.nodeId(), released);
        } catch (OutboxException e) {
            LOG.warn("cannot release {} outbox entries; they are claimed again when their lease expires: {}",
                    released.size(), e.getMessage());
        }
        released.forEach(settled);
    }

    private void loop() {
        List<Outcome> batch = new ArrayList<>();
        while (open || !queue.isEmpty()) {
            try {
                Outcome first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                recordWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void recordWithRetry(List<Outcome> batch) throws InterruptedException {
        for (int failures = 0;; failures++) {
            try {
                boolean[] done = config.store().settle(config.nodeId(), batch);
                for (int i = 0; i < batch.size(); i++) {
                    finish(batch.get(i), done[i] || failures > 0 && recordedBefore(batch.get(i)));
                }
                return;
            } catch (OutboxException e) {
                if (failures == 0) {
                    LOG.warn("cannot record {} outcome(s) of outbox entries; trying again: {}", batch.size(), e.getMessage());
                }
                if (System.nanoTime() > giveUpAt) {
                    LOG.warn("gave up recording {} outcome(s); their leases expire and they are sent again", batch.size());
                    batch.forEach(settled);
                    return;
                }
                Thread.sleep(Math.min(MAX_WAIT_MS, 50L << Math.min(failures, 7)));
            }
        }
    }

    private void finish(Outcome o, boolean recorded) {
        if (recorded) {
            tell(o);
        } else {
            LOG.warn("outbox entry {} was taken over by another node after its lease expired; its outcome ({}) is not"
                    + " recorded and it may be sent twice", o.entry().id(), o.state());
        }
        settled.accept(o);
    }

    /**
     * After a failed attempt, the outcome may have been committed with its answer lost (the
     * connection broke after the commit): then the entry is already in the outcome's state.
     */
    private boolean recordedBefore(Outcome o) {
        return config.store().list(EntryFilter.of(EntryState.values()).withId(o.entry().id()), 1).stream()
                .anyMatch(e -> e.state() == o.state() && e.leaseOwner() == null
                        && e.attempts() == (o instanceof Outcome.Released ? o.entry().attempts() - 1 : o.entry().attempts()));
    }

    private void tell(Outcome o) {
        OutboxListener l = config.listener();
        Instant now = config.clock().instant();
        Listeners.safely(() -> {
            if (o instanceof Outcome.Sent s) {
                l.sent(Node.event(o.entry(), now, null), s.queueId());
            } else if (o instanceof Outcome.Deferred d) {
                l.deferred(Node.event(o.entry(), now, d.failure()), d.nextAttempt());
            } else if (o instanceof Outcome.Finished f && f.state() == EntryState.FAILED) {
                l.failed(Node.event(o.entry(), now, f.failure()));
            } else if (o instanceof Outcome.Finished f) {
                l.dead(Node.event(o.entry(), now, f.failure()));
            }
        });
    }

    /** Records what was handed over, trying for at most the close grace while the store fails, then stops. */
    @Override
    public void close() {
        giveUpAt = System.nanoTime() + config.closeGrace().toNanos();
        open = false;
        try {
            thread.join(config.closeGrace().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
