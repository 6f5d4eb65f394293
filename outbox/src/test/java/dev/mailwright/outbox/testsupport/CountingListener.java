package dev.mailwright.outbox.testsupport;

import dev.mailwright.outbox.EntryEvent;
import dev.mailwright.outbox.OutboxListener;
import dev.mailwright.outbox.OutboxStatus;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Counts what an outbox tells its listener. */
public final class CountingListener implements OutboxListener {
    /** Counters. */
    public final AtomicInteger enqueued = new AtomicInteger();
    /** Counters. */
    public final AtomicInteger sent = new AtomicInteger();
    /** Counters. */
    public final AtomicInteger deferred = new AtomicInteger();
    /** Counters. */
    public final AtomicInteger failed = new AtomicInteger();
    /** Counters. */
    public final AtomicInteger dead = new AtomicInteger();
    /** The last status. */
    public final AtomicReference<OutboxStatus> status = new AtomicReference<>();

    @Override
    public void enqueued(EntryEvent event) {
        enqueued.incrementAndGet();
    }

    @Override
    public void sent(EntryEvent event, String queueId) {
        sent.incrementAndGet();
    }

    @Override
    public void deferred(EntryEvent event, Instant nextAttempt) {
        deferred.incrementAndGet();
    }

    @Override
    public void failed(EntryEvent event) {
        failed.incrementAndGet();
    }

    @Override
    public void dead(EntryEvent event) {
        dead.incrementAndGet();
    }

    @Override
    public void status(OutboxStatus s) {
        status.set(s);
    }
}
