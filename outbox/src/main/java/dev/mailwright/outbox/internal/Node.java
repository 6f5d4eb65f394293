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
 * One node's workers: a dispatcher thread claims due entries in batches (leaving the domains at
 * their limit) and hands them to the workers, the workers send and hand the outcomes to the
 * {@link Recorder}, which records them in batches; a timer renews the leases of the entries in
 * flight and reports the status. In flight on a node are at most {@code inFlight} entries: claimed
 * and waiting for a worker, being sent, or sent and waiting for their outcome to be recorded.
 * Those are the entries that may be sent twice if the node dies. Claims wait until half of that
 * window is free, so that a claim and a record each carry many entries.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final DomainGate gate;
    private final Recorder recorder;
    private final int maxInFlight;
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
        this.recorder = new Recorder(config, this::settled);
        this.maxInFlight = config.inFlight();
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

    /** @return entries claimed by this node whose outcome is not recorded yet (at most {@code inFlight}) */
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
            int free = maxInFlight - inFlight.get();
            // claim in batches: when half the window is free, or when nothing is in flight
            if (free > 0 && (free >= Math.max(1, maxInFlight / 2) || inFlight.get() == 0)) {
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
            recorder.releaseNow(released);
        }
        return got.size() == free && released.isEmpty();
    }

    private void work(ClaimedEntry e) {
        Outcome o;
        try {
            o = running ? send(e) : new Outcome.Released(e);
        } catch (RuntimeException t) {
            LOG.warn("sending outbox entry {} failed unexpectedly; it is deferred", e.id(), t);
            o = Verdicts.deferOrDie(e, Verdicts.unexpected(t), config.clock().instant(), config.retry(),
                    ThreadLocalRandom.current().nextDouble());
        } finally {
            gate.release(e.domain());
        }
        recorder.record(o);
    }

    private Outcome send(ClaimedEntry e) {
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
        return o;
    }

    /** The recorder recorded (or gave up) an outcome: the entry is no longer in flight. */
    private void settled(Outcome o) {
        inFlightIds.remove(o.entry().id());
        inFlight.decrementAndGet();
        wake();
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
            pool.shutdown(); // entries not started yet are released, those being sent finish
            if (!pool.awaitTermination(config.closeGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("outbox node {}: messages still being sent after {}; their leases expire and they are sent again",
                        config.nodeId(), config.closeGrace());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        } finally {
            recorder.close();
            timer.shutdownNow();
        }
    }

    /** @return an event about an entry for the listener */
    static EntryEvent event(ClaimedEntry e, Instant now, LastFailure failure) {
        return new EntryEvent(e.id(), e.domain(), e.attempts(), Duration.between(e.createdAt(), now).abs(), failure);
    }
}
