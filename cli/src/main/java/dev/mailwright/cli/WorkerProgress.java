package dev.mailwright.cli;

import dev.mailwright.outbox.EntryEvent;
import dev.mailwright.outbox.OutboxListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what a worker node did, for its progress lines. */
final class WorkerProgress implements OutboxListener {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong deferred = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();

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

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", sent.get());
        m.put("deferred", deferred.get());
        m.put("failed", failed.get());
        m.put("dead", dead.get());
        return m;
    }

    String line() {
        return "sent " + sent + ", deferred " + deferred + ", failed " + failed + ", dead " + dead;
    }
}
