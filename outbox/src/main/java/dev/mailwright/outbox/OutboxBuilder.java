package dev.mailwright.outbox;

import dev.mailwright.outbox.internal.NodeConfig;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.smtp.NotificationMailer;
import dev.mailwright.smtp.SendResult;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * Builds an {@link Outbox}. Each property may be set once; {@link #build()} lists everything that is
 * missing at once. Not thread-safe.
 */
public final class OutboxBuilder {
    /** The default of {@link #inFlight(int)}. */
    public static final int DEFAULT_IN_FLIGHT = 64;
    OutboxStore store;
    NotificationMailer mailer;
    private MailTransport transport;
    int workers = -1;
    private int inFlight = -1;
    private RetrySchedule retry;
    private DomainLimits limits;
    OutboxListener listener;
    Clock clock;
    private String nodeId;
    private Duration lease;
    private Duration pollInterval;
    private Duration sendTimeout;
    private Duration statusInterval;
    private Duration sentRetention;
    private Duration closeGrace;

    OutboxBuilder() {
    }

    private static <T> T once(T current, T value, String name) {
        Objects.requireNonNull(value, name);
        if (current != null) {
            throw new IllegalStateException(name + " was already set to " + current);
        }
        return value;
    }

    /** @param store where entries live ({@link OutboxStores}); closed by {@link Outbox#close()} @return this */
    public OutboxBuilder store(OutboxStore store) {
        this.store = once(this.store, store, "store");
        return this;
    }

    /**
     * @param mailer composes notifications at enqueue and, unless a {@link #transport} is given,
     *     delivers them (its own in-memory retries then run inside each attempt: give it
     *     {@code RetryPolicy.NONE} to leave retrying to the outbox); closed by {@link Outbox#close()}
     * @return this
     */
    public OutboxBuilder mailer(NotificationMailer mailer) {
        this.mailer = once(this.mailer, mailer, "mailer");
        return this;
    }

    /**
     * @param transport sends the stored messages, one attempt each (an {@code SmtpTransport} with its
     *     pool): for a node that only sends, or to bypass the mailer's in-memory retries (the mailer's
     *     suppression list, when there is a mailer, still applies); closed by
     *     {@link Outbox#close()}
     * @return this
     */
    public OutboxBuilder transport(MailTransport transport) {
        this.transport = once(this.transport, transport, "transport");
        return this;
    }

    /** @param workers messages this node sends at once (default 4; 0 to only enqueue) @return this */
    public OutboxBuilder workers(int workers) {
        if (workers < 0 || this.workers >= 0) {
            throw new IllegalArgumentException(workers < 0 ? "workers must be 0 or more, was " + workers
                    : "workers was already set to " + this.workers);
        }
        this.workers = workers;
        return this;
    }

    /**
     * @param inFlight the most entries this node holds at once: claimed and waiting for a worker,
     *     being sent, or sent and waiting for their outcome to be recorded (default 64, and at least
     *     the worker count). A node that dies may have sent these again: a smaller window bounds the
     *     duplicates more tightly, a larger one lets claims and records carry more entries each.
     * @return this
     */
    public OutboxBuilder inFlight(int inFlight) {
        if (inFlight < 1 || this.inFlight >= 0) {
            throw new IllegalArgumentException(inFlight < 1 ? "inFlight must be at least 1, was " + inFlight
                    : "inFlight was already set to " + this.inFlight);
        }
        this.inFlight = inFlight;
        return this;
    }

    /** @param retry the retry schedule (default {@link RetrySchedule#DEFAULT}: 5 days) @return this */
    public OutboxBuilder retry(RetrySchedule retry) {
        this.retry = once(this.retry, retry, "retry");
        return this;
    }

    /** @param limits per-domain concurrency and rate (default none) @return this */
    public OutboxBuilder domainLimits(DomainLimits limits) {
        this.limits = once(this.limits, limits, "domainLimits");
        return this;
    }

    /** @param listener the metrics hooks (default {@link OutboxListener#NONE}) @return this */
    public OutboxBuilder listener(OutboxListener listener) {
        this.listener = once(this.listener, listener, "listener");
        return this;
    }

    /** @param clock the clock (default UTC system clock) @return this */
    public OutboxBuilder clock(Clock clock) {
        this.clock = once(this.clock, clock, "clock");
        return this;
    }

    /** @param nodeId this node's id, unique among the nodes (default host, pid and a random suffix) @return this */
    public OutboxBuilder nodeId(String nodeId) {
        if (nodeId != null && (nodeId.isBlank() || nodeId.length() > 100)) {
            throw new IllegalArgumentException("node id must be 1 to 100 characters, was '" + nodeId + "'");
        }
        this.nodeId = once(this.nodeId, nodeId, "nodeId");
        return this;
    }

    /** @param lease how long a claim lasts unless renewed; a dead node's entries wait this long (default 30 s) @return this */
    public OutboxBuilder lease(Duration lease) {
        this.lease = once(this.lease, lease, "lease");
        return this;
    }

    /** @param pollInterval how often an idle node looks for due entries (default 500 ms) @return this */
    public OutboxBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = once(this.pollInterval, pollInterval, "pollInterval");
        return this;
    }

    /** @param sendTimeout the deadline of one attempt (default 2 minutes) @return this */
    public OutboxBuilder sendTimeout(Duration sendTimeout) {
        this.sendTimeout = once(this.sendTimeout, sendTimeout, "sendTimeout");
        return this;
    }

    /** @param statusInterval how often the listener gets the status (default 30 s) @return this */
    public OutboxBuilder statusInterval(Duration statusInterval) {
        this.statusInterval = once(this.statusInterval, statusInterval, "statusInterval");
        return this;
    }

    /** @param sentRetention how long sent entries and their keys are kept (default 7 days) @return this */
    public OutboxBuilder sentRetention(Duration sentRetention) {
        this.sentRetention = once(this.sentRetention, sentRetention, "sentRetention");
        return this;
    }

    /** @param closeGrace how long {@link Outbox#close()} waits for messages in flight (default 30 s) @return this */
    public OutboxBuilder closeGrace(Duration closeGrace) {
        this.closeGrace = once(this.closeGrace, closeGrace, "closeGrace");
        return this;
    }

    /**
     * @return the outbox, not started
     * @throws IllegalStateException listing what is missing
     */
    public Outbox build() {
        List<String> missing = new ArrayList<>();
        if (store == null) {
            missing.add("store(...) is required, such as OutboxStores.embedded(Path.of(\"/var/lib/forge/outbox\"))");
        }
        if (workers() > 0 && mailer == null && transport == null) {
            missing.add("mailer(...) or transport(...) is required to send (or workers(0) to only enqueue)");
        }
        if (inFlight >= 0 && inFlight < workers()) {
            missing.add("inFlight(" + inFlight + ") must be at least the " + workers() + " workers");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Outbox: " + String.join("; ", missing));
        }
        listener = listener == null ? OutboxListener.NONE : listener;
        clock = clock == null ? Clock.systemUTC() : clock;
        workers = workers();
        return Outbox.create(this);
    }

    private int workers() {
        return workers < 0 ? 4 : workers;
    }

    NodeConfig nodeConfig() {
        // the mailer's suppression list holds on the transport's path too: a suppressed recipient is never sent to
        Function<OutgoingMessage, SendResult> sender = transport == null ? mailer::deliver
                : mailer == null ? transport::send : m -> mailer.deliverOnce(m, transport);
        return new NodeConfig(store, sender, nodeId != null ? nodeId : defaultNodeId(), workers,
                inFlight >= 0 ? inFlight : Math.max(DEFAULT_IN_FLIGHT, workers), or(lease, Duration.ofSeconds(30)), or(pollInterval, Duration.ofMillis(500)), or(sendTimeout, Duration.ofMinutes(2)),
                or(statusInterval, Duration.ofSeconds(30)), or(sentRetention, Duration.ofDays(7)),
                or(closeGrace, Duration.ofSeconds(30)), retry != null ? retry : RetrySchedule.DEFAULT,
                limits != null ? limits : DomainLimits.NONE, listener, clock);
    }

    MailTransport ownedTransport() {
        return transport;
    }

    private static Duration or(Duration value, Duration fallback) {
        return value != null ? value : fallback;
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        String id = host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }
}
