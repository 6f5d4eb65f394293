package dev.mailwright.outbox;

import dev.mailwright.outbox.internal.Entries;
import dev.mailwright.outbox.internal.Listeners;
import dev.mailwright.outbox.internal.Node;
import dev.mailwright.outbox.spi.NewEntry;
import dev.mailwright.outbox.spi.OutboxStore;
import dev.mailwright.smtp.Notification;
import dev.mailwright.smtp.NotificationMailer;
import java.sql.Connection;
import java.time.Duration;
import java.util.Objects;

/**
 * A durable queue of notifications in front of a {@link NotificationMailer}: {@link #enqueue}
 * composes the notification (refusing a bad one with the mailer's errors), stores it and returns
 * once it is durable; nothing is sent on the caller's thread. The node's workers claim due entries,
 * send them through the mailer's transport (pool, pipelining and TLS rules unchanged) and record the
 * outcome: sent with the server's queue id, failed for good (5xx), or due again later with
 * exponential backoff and jitter until its lifetime ends and it is dead-lettered.
 *
 * <pre>{@code
 * Outbox outbox = Outbox.builder()
 *         .store(OutboxStores.embedded(Path.of("/var/lib/forge/outbox")))
 *         .mailer(mailer)
 *         .build()
 *         .start();
 * outbox.enqueue(notification);   // durable when it returns
 * }</pre>
 *
 * <p>Delivery is at least once: a node that dies after the server accepted a message and before
 * the outcome was recorded has that entry sent again by another node once its lease expires. The
 * entries that can be sent twice are those in flight on the dead node: claimed and not yet
 * recorded, at most {@link OutboxBuilder#inFlight(int)} (64 by default).
 *
 * <p>Thread-safe. {@link #close()} stops the workers (waiting briefly for messages in flight) and
 * closes the store and the mailer.
 */
public final class Outbox implements AutoCloseable {
    private final OutboxStore store;
    private final NotificationMailer mailer;
    private final dev.mailwright.smtp.spi.MailTransport transport;
    private final OutboxListener listener;
    private final java.time.Clock clock;
    private final Node node;
    private volatile boolean started;

    private Outbox(OutboxBuilder b) {
        this.store = b.store;
        this.mailer = b.mailer;
        this.transport = b.ownedTransport();
        this.listener = b.listener;
        this.clock = b.clock;
        this.node = b.workers == 0 ? null : new Node(b.nodeConfig());
    }

    /** @return a builder */
    public static OutboxBuilder builder() {
        return new OutboxBuilder();
    }

    static Outbox create(OutboxBuilder b) {
        return new Outbox(b);
    }

    /**
     * Starts this node's workers (none when built with {@code workers(0)}).
     *
     * @return this
     * @throws IllegalStateException when already started
     */
    public synchronized Outbox start() {
        if (started) {
            throw new IllegalStateException("the outbox was already started");
        }
        started = true;
        if (node != null) {
            node.start();
        }
        return this;
    }

    /**
     * Composes and stores a notification under its derived key (the Message-ID and the recipient).
     *
     * @param notification the notification
     * @return its id once durable; {@code duplicate} when it was already stored
     * @throws IllegalArgumentException when it cannot be composed (nothing is stored)
     * @throws OutboxStoreException when the store fails: enqueue it again, the key stores it once
     */
    public Enqueued enqueue(Notification notification) {
        return enqueue(notification, null);
    }

    /**
     * @param notification the notification
     * @param idempotencyKey the host's key (1-200 printable ASCII characters), or null to derive it
     * @return its id once durable; {@code duplicate} when the key was already stored
     */
    public Enqueued enqueue(Notification notification, String idempotencyKey) {
        Enqueued e = store.enqueue(entry(notification, idempotencyKey));
        enqueued(e, notification);
        return e;
    }

    /**
     * Stores a notification within the host's own transaction (the transactional outbox): it exists
     * if and only if that transaction commits. Needs the PostgreSQL store, in the host's database.
     * Neither commits nor closes the connection; the workers see the entry once it commits. The
     * listener's {@code enqueued} is called at once, also for a transaction the host then rolls back.
     *
     * @param transaction the host's connection, inside its transaction
     * @param notification the notification
     * @return its id; {@code duplicate} when the key was already stored
     * @throws UnsupportedOperationException with the embedded store
     */
    public Enqueued enqueue(Connection transaction, Notification notification) {
        return enqueue(transaction, notification, null);
    }

    /**
     * @param transaction the host's connection, inside its transaction
     * @param notification the notification
     * @param idempotencyKey the host's key, or null to derive it
     * @return its id; {@code duplicate} when the key was already stored
     */
    public Enqueued enqueue(Connection transaction, Notification notification, String idempotencyKey) {
        Objects.requireNonNull(transaction, "transaction");
        Enqueued e = store.enqueue(transaction, entry(notification, idempotencyKey));
        enqueued(e, notification);
        return e;
    }

    private NewEntry entry(Notification notification, String key) {
        Objects.requireNonNull(notification, "notification");
        if (mailer == null) {
            throw new IllegalStateException("this outbox only sends: give the builder a mailer(...) to enqueue notifications");
        }
        return Entries.of(notification, mailer.compose(notification), key, clock.instant());
    }

    private void enqueued(Enqueued e, Notification n) {
        if (!e.duplicate()) {
            String domain = Entries.domain(n.recipient().address());
            Listeners.safely(() -> listener.enqueued(new EntryEvent(e.id(), domain, 0, Duration.ZERO, null)));
        }
        if (node != null) {
            node.wake();
        }
    }

    /** Creates or upgrades the store's schema (PostgreSQL: for hosts that use neither Flyway nor Liquibase). */
    public void migrate() {
        store.migrate();
    }

    /** @return the administration of this outbox's store: status, list, retry, purge */
    public OutboxAdmin admin() {
        return OutboxAdmin.of(store, clock);
    }

    /** @return entries claimed by this node whose outcome is not recorded yet: at most {@code inFlight} */
    public int inFlight() {
        return node == null ? 0 : node.inFlight();
    }

    /** Stops the workers, then closes the store, the mailer and the transport. */
    @Override
    public void close() {
        try {
            if (node != null) {
                node.close();
            }
        } finally {
            try {
                store.close();
            } finally {
                if (mailer != null) {
                    mailer.close();
                }
                if (transport != null) {
                    transport.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "Outbox[" + store.describe() + (node == null ? ", no workers" : ", node " + node.nodeId()) + "]";
    }
}
