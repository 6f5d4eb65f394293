package dev.mailwright.outbox.spi;

import dev.mailwright.outbox.Enqueued;
import dev.mailwright.outbox.EntryFilter;
import dev.mailwright.outbox.OutboxEntry;
import dev.mailwright.outbox.OutboxStatus;
import java.sql.Connection;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where outbox entries live. Thread-safe; several nodes may share one store when it says so
 * (PostgreSQL). Failures are {@link dev.mailwright.outbox.OutboxStoreException}s that say what to
 * do. The built-in stores come from {@link dev.mailwright.outbox.OutboxStores}.
 */
public interface OutboxStore extends AutoCloseable {

    /**
     * Stores an entry durably, once per idempotency key.
     *
     * @param entry the entry
     * @return its id, and whether the key was already stored
     */
    Enqueued enqueue(NewEntry entry);

    /**
     * Stores an entry within the caller's transaction on {@code transaction}: it exists if and only
     * if that transaction commits. Neither commits nor closes the connection.
     *
     * @param transaction a connection to the database that holds the outbox's tables
     * @param entry the entry
     * @return its id, and whether the key was already stored
     * @throws UnsupportedOperationException when the store does not live in the host's database
     */
    default Enqueued enqueue(Connection transaction, NewEntry entry) {
        throw new UnsupportedOperationException(describe() + " does not live in the host's database; enqueue within the"
                + " host's transaction needs the PostgreSQL store (OutboxStores.postgres(dataSource))");
    }

    /**
     * Leases due entries (and entries whose lease expired) to a node; each claim raises the entry's
     * attempt count.
     *
     * @param request who claims, how many, and which domains to leave
     * @return the leased entries, oldest due first; empty when none is due
     */
    List<ClaimedEntry> claim(ClaimRequest request);

    /**
     * Extends the leases a node holds on the entries it is sending. Only these: an entry whose claim
     * committed but whose answer the node never got (the connection broke) is not among them, and
     * its lease expires so that it is claimed again.
     *
     * @param owner the node's id
     * @param ids the entries in flight on that node
     * @param leaseUntil the new expiry
     * @return how many leases were extended
     */
    int renew(String owner, Collection<Long> ids, Instant leaseUntil);

    /**
     * Records outcomes of entries leased to {@code owner}; an outcome whose entry is no longer
     * leased to that node (its lease expired and another node took it) is not recorded.
     *
     * @param owner the node's id
     * @param outcomes the outcomes
     * @return for each outcome, whether it was recorded
     */
    boolean[] settle(String owner, List<Outcome> outcomes);

    /**
     * @param now the current time, for the age of the oldest due entry
     * @return counts per state and that age
     */
    OutboxStatus status(Instant now);

    /**
     * @param filter which entries
     * @param limit at most this many, in id order
     * @return the entries, without their content
     */
    List<OutboxEntry> list(EntryFilter filter, int limit);

    /**
     * Queues failed or dead entries again, due now, with attempts and lifetime starting over. Entries
     * in other states are left alone.
     *
     * @param filter which entries
     * @param now the current time
     * @param limit at most this many in one call (callers loop for progress)
     * @return how many were queued again
     */
    int retry(EntryFilter filter, Instant now, int limit);

    /**
     * Deletes entries; leased entries are never deleted.
     *
     * @param filter which entries
     * @param limit at most this many in one call (callers loop for progress)
     * @return how many were deleted
     */
    int purge(EntryFilter filter, int limit);

    /** Creates or upgrades the store's schema; safe to call from several nodes at once. */
    void migrate();

    /** @return where the store lives, for logs and errors; never a secret */
    String describe();

    /** Releases connections and files. */
    @Override
    void close();
}
