package dev.mailwright.core.spi;

import dev.mailwright.core.suppression.SuppressionEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the suppression list keeps its entries. {@code SuppressionStores.file(path)} is the default
 * (one file, durable, safe for several threads and processes); {@code SuppressionStores.memory()}
 * keeps them in memory. A database store implements the same four operations; addresses are the
 * keys, in lower case.
 *
 * <p>Contract: {@link #update} is atomic per address — two concurrent updates of one address never
 * lose one another, across every process that shares the store (a SQL store runs it in one
 * transaction: {@code SELECT ... FOR UPDATE}, the change, an upsert). The change function is pure
 * and may be called again when a transaction is retried. A completed update is durable. Failures
 * to reach the storage are thrown as {@link dev.mailwright.core.MailwrightException} naming the
 * store, never swallowed.
 */
public interface SuppressionStore extends AutoCloseable {

    /**
     * @param address an address, lower case
     * @return its entry, when the address has one
     */
    Optional<SuppressionEntry> find(String address);

    /**
     * Changes the entry of one address atomically and durably.
     *
     * @param address an address, lower case
     * @param change gets the current entry, or {@link SuppressionEntry#empty(String)} when there is
     *     none, and returns the new one (for the same address)
     * @return the entry stored
     */
    SuppressionEntry update(String address, UnaryOperator<SuppressionEntry> change);

    /**
     * @param address an address, lower case
     * @return true when it had an entry, now removed
     */
    boolean remove(String address);

    /** @return every entry, ordered by address */
    List<SuppressionEntry> entries();

    /** Releases the storage (files, connections); the store is not used after. */
    @Override
    void close();
}
