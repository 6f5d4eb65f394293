package dev.mailwright.outbox;

import dev.mailwright.outbox.spi.OutboxStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * What an administrator does with an outbox: counts, lists, retries and purges entries (dead
 * letters first of all). Works on a store alone, with no mail settings; the {@code mailwright
 * outbox} command uses it.
 */
public final class OutboxAdmin {
    /** How many entries one transaction of {@link #retry} or {@link #purge} changes. */
    public static final int CHUNK = 1000;

    private final OutboxStore store;
    private final Clock clock;

    private OutboxAdmin(OutboxStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param store the store
     * @param clock the clock
     * @return an admin on it
     */
    public static OutboxAdmin of(OutboxStore store, Clock clock) {
        return new OutboxAdmin(store, clock);
    }

    /** @return counts per state and the age of the oldest due entry */
    public OutboxStatus status() {
        return store.status(clock.instant());
    }

    /**
     * @param filter which entries
     * @param limit at most this many, oldest first, at least 1
     * @return the entries
     */
    public List<OutboxEntry> list(EntryFilter filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return store.list(Objects.requireNonNull(filter, "filter"), limit);
    }

    /**
     * Queues failed and dead entries again, due now, with a fresh lifetime, in chunks of {@value #CHUNK}.
     *
     * @param filter which entries (states other than failed and dead are ignored)
     * @param progress told the running total after each chunk
     * @return how many were queued again
     */
    public long retry(EntryFilter filter, LongConsumer progress) {
        Objects.requireNonNull(filter, "filter");
        return chunked(() -> store.retry(filter, clock.instant(), CHUNK), progress);
    }

    /**
     * Deletes entries in chunks of {@value #CHUNK}; leased entries are never deleted.
     *
     * @param filter which entries
     * @param progress told the running total after each chunk
     * @return how many were deleted
     */
    public long purge(EntryFilter filter, LongConsumer progress) {
        Objects.requireNonNull(filter, "filter");
        return chunked(() -> store.purge(filter, CHUNK), progress);
    }

    private static long chunked(java.util.function.IntSupplier chunk, LongConsumer progress) {
        long total = 0;
        int n;
        do {
            n = chunk.getAsInt();
            total += n;
            progress.accept(total);
        } while (n == CHUNK);
        return total;
    }

    /** @return the store's description */
    @Override
    public String toString() {
        return "OutboxAdmin[" + store.describe() + "]";
    }
}
