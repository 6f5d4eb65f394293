package dev.mailwright.outbox.internal;

import dev.mailwright.outbox.EntryEvent;
import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.EntryState;
import dev.mailwright.outbox.LastFailure;
import dev.mailwright.outbox.OutboxException;
import dev.mailwright.outbox.spi.ClaimRequest;
import dev.mailwright.outbox.spi.ClaimedEntry;
import dev.mailwright.outbox.spi.Outcome;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's workers: a dispatcher thread claims due entries for the free workers (leaving the
 * domains at their limit), the workers send and record outcomes, a timer renews the node's leases
 * and reports the status. The entries in flight on a node are at most its worker count: those are
 * what may be sent twice if the node dies after the server's {@code 250} and before the outcome is
 * recorded.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final DomainGate gate;
    private final Outcomes outcomes;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Thread dispatcher;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Long> inFlightIds = ConcurrentHashMap.newKeySet();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private int storeFailures;

    /** @param config what the workers need */
    public Node(NodeConfig config) {
        this.config = config;
        this.gate = new DomainGate(config.limits());
        this.outcomes = new Outcomes(config);
        this.pool = Executors.newFixedThreadPool(config.workers(), Threads.named("mailwright-outbox-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.named("mailwright-outbox-timer"));
        this.dispatcher = Threads.named("mailwright-outbox-dispatcher").newThread(this::dispatchLoop);
    }

    /** Starts the dispatcher and the timers. */
    public void start() {
        running = true;
        dispatcher.start();
        long renew = Math.max(100, config.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::renew, renew, renew, TimeUnit.MILLISECONDS);
        long status = config.statusInterval().toMillis();
        timer.scheduleWithFixedDelay(this::maintain, status, status, TimeUnit.MILLISECONDS);
    }

    /** Tells the dispatcher to look for due entries now (after a local enqueue). */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** @return entries claimed by this node and not yet settled */
    public int inFlight() {
        return inFlight.get();
    }

    /** @return this node's id */
    public String nodeId() {
        return config.nodeId();
    }

    private void dispatchLoop() {
        while (running) {
            boolean more = false;
            int free = config.workers() - inFlight.get();
            if (free > 0) {
                try {
                    more = dispatch(free);
                    storeFailures = 0;
                } catch (OutboxException e) {
                    storeFailures++;
                    if (storeFailures == 1) {
                        LOG.warn("outbox node {} cannot claim entries: {}", config.nodeId(), e.getMessage());
                    }
                    await(Duration.ofMillis(Math.min(10_000, 100L << Math.min(storeFailures, 7))));
                    continue;
                }
            }
            if (!more) {
                await(config.pollInterval());
            }
        }
    }

    private boolean dispatch(int free) {
        Instant now = config.clock().instant();
        long nanos = System.nanoTime();
        List<ClaimedEntry> got = config.store().claim(new ClaimRequest(config.nodeId(), free, now,
                now.plus(config.lease()), gate.blocked(now, nanos)));
        List<Outcome> released = new ArrayList<>();
        for (ClaimedEntry e : got) {
            if (running && gate.tryAcquire(e.domain(), now, nanos)) {
                inFlight.incrementAndGet();
                inFlightIds.add(e.id());
                pool.execute(() -> work(e));
            } else {
                released.add(new Outcome.Released(e));
            }
        }
        if (!released.isEmpty()) {
            outcomes.releaseQuietly(released);
        }
        return got.size() == free && released.isEmpty();
    }

    private void work(ClaimedEntry e) {
        try {
            Instant start = config.clock().instant();
            OutgoingMessage m = new OutgoingMessage(e.messageId(), e.envelopeFrom(), e.recipients(), e.content(),
                    start.plus(config.sendTimeout()));
            Outcome o;
            try {
                SendResult r = config.sender().apply(m);
                o = Verdicts.outcome(e, r, config.clock().instant(), config.retry(), ThreadLocalRandom.current().nextDouble());
            } catch (RuntimeException t) {
                LOG.warn("the transport threw while sending outbox entry {}; it is deferred", e.id(), t);
                LastFailure f = Verdicts.unexpected(t);
                o = Verdicts.deferOrDie(e, f, config.clock().instant(), config.retry(), ThreadLocalRandom.current().nextDouble());
            }
            if (o instanceof Outcome.Deferred d && Verdicts.throttled(d.failure())) {
                gate.pause(e.domain(), d.nextAttempt());
            }
            outcomes.record(o, () -> running);
        } finally {
            gate.release(e.domain());
            inFlightIds.remove(e.id());
            inFlight.decrementAndGet();
            wake();
        }
    }

    private void renew() {
        try {
            config.store().renew(config.nodeId(), Set.copyOf(inFlightIds), config.clock().instant().plus(config.lease()));
        } catch (RuntimeException e) {
            LOG.warn("outbox node {} cannot renew its leases: {}", config.nodeId(), e.getMessage());
        }
    }

    private void maintain() {
        try {
            Instant now = config.clock().instant();
            Listeners.safely(() -> config.listener().status(config.store().status(now)));
            EntryFilter old = EntryFilter.of(EntryState.SENT).withBefore(now.minus(config.sentRetention()));
            for (int i = 0; i < 10 && config.store().purge(old, 1000) == 1000; i++) {
                LOG.debug("purged 1000 sent entries older than {}", config.sentRetention());
            }
        } catch (RuntimeException e) {
            LOG.warn("outbox node {} cannot take its status: {}", config.nodeId(), e.getMessage());
        }
    }

    private void await(Duration d) {
        synchronized (signal) {
            if (!signalled && running) {
                try {
                    signal.wait(Math.max(1, d.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            signalled = false;
        }
    }

    /**
     * Stops claiming, waits up to the close grace for the messages in flight, then stops. Entries
     * still in flight keep their lease, which expires: another node (or this one, restarted) sends
     * them again.
     */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            dispatcher.join(config.closeGrace().toMillis());
            pool.shutdown();
            if (!pool.awaitTermination(config.closeGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("outbox node {}: {} message(s) still in flight after {}; their leases expire and they are sent again",
                        config.nodeId(), inFlight.get(), config.closeGrace());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        } finally {
            timer.shutdownNow();
        }
    }

    /** @return an event about an entry for the listener */
    static EntryEvent event(ClaimedEntry e, Instant now, LastFailure failure) {
        return new EntryEvent(e.id(), e.domain(), e.attempts(), Duration.between(e.createdAt(), now).abs(), failure);
    }
}
