package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.OutboxException;
import dev.mailwright.outbox.OutboxListener;
import dev.mailwright.outbox.spi.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records outcomes in the store, trying again while the store is unavailable (a database restart,
 * a full disk): the entry stays leased and in flight meanwhile, and the listener hears of it once
 * it is recorded.
 */
final class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);
    private static final long MAX_WAIT_MS = 5_000;

    private final NodeConfig config;

    Outcomes(NodeConfig config) {
        this.config = config;
    }

    /**
     * @param o the outcome
     * @param running whether the node still runs: once stopped, a failing record is given up after the close grace
     */
    void record(Outcome o, BooleanSupplier running) {
        long giveUpAt = Long.MAX_VALUE;
        for (int failures = 0;; failures++) {
            try {
                boolean recorded = config.store().settle(config.nodeId(), List.of(o))[0]
                        || failures > 0 && recordedBefore(o);
                if (recorded) {
                    tell(o);
                } else {
                    LOG.warn("outbox entry {} was taken over by another node after its lease expired; its outcome ({}) is"
                            + " not recorded and it may be sent twice", o.entry().id(), o.state());
                }
                return;
            } catch (OutboxException e) {
                if (failures == 0) {
                    LOG.warn("cannot record the outcome of outbox entry {} ({}); trying again: {}", o.entry().id(),
                            o.state(), e.getMessage());
                }
                if (!running.getAsBoolean() && giveUpAt == Long.MAX_VALUE) {
                    giveUpAt = System.nanoTime() + config.closeGrace().toNanos();
                }
                if (System.nanoTime() > giveUpAt) {
                    LOG.warn("gave up recording the outcome of outbox entry {}; its lease expires and it is sent again",
                            o.entry().id());
                    return;
                }
                sleep(Math.min(MAX_WAIT_MS, 50L << Math.min(failures, 7)));
            }
        }
    }

    /**
     * After a failed attempt to record, the outcome may have been committed with its answer lost
     * (the connection broke after the commit): then the entry is already in the outcome's state.
     */
    private boolean recordedBefore(Outcome o) {
        return config.store().list(EntryFilter.of(EntryState.values()).withId(o.entry().id()), 1).stream()
                .anyMatch(e -> e.state() == o.state() && e.leaseOwner() == null
                        && e.attempts() == (o instanceof Outcome.Released ? o.entry().attempts() - 1 : o.entry().attempts()));
    }

    /** Releases entries that were claimed but not started; on failure their leases simply expire. */
    void releaseQuietly(List<Outcome> released) {
        try {
            config.store().settle(config.nodeId(), released);
        } catch (OutboxException e) {
            LOG.warn("cannot release {} outbox entries; they are claimed again when their lease expires: {}",
                    released.size(), e.getMessage());
        }
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxException("interrupted while recording an outcome", e);
        }
    }
}
