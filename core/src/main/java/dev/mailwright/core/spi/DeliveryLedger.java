package dev.mailwright.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * The durable record that makes the inbound pipeline hand each reply to the host's handler exactly
 * once, across crashes, an MTA's redeliveries and every pipeline that shares it. The inbound
 * module's file ledger (in the pipeline's ledger directory) is the default, for the processes of
 * one machine or one shared file system; the outbox module's PostgreSQL ledger serves pipelines on
 * several nodes.
 *
 * <p>Contract: {@link #begin} decides for each entry and, before it returns, durably marks those to
 * deliver as in progress under this ledger's owner, atomically with respect to every other ledger
 * instance on the same storage: of two concurrent {@code begin} calls for one key, exactly one gets
 * {@link Decision#DELIVER}. An entry in progress whose owner is gone (its process died) is handed
 * out again as {@link Decision#REDELIVER}; one whose owner is alive is
 * {@link Decision#IN_FLIGHT_ELSEWHERE}. {@link #finish} durably records the outcomes. Failures to
 * reach the storage are thrown as unchecked exceptions naming the storage, never swallowed: the
 * pipeline then hands nothing over.
 */
public interface DeliveryLedger extends AutoCloseable {

    /** What to do with a key. */
    enum Decision {
        /** Never seen (or released after a handler failure): call the handler. */
        DELIVER,
        /** A crash interrupted an earlier call: call the handler again, marked as possible redelivery. */
        REDELIVER,
        /** Already delivered from this same source message (a crash came before it was filed): file as success. */
        ALREADY_DELIVERED_SAME_FILE,
        /** Already delivered from another source message: a duplicate. */
        DUPLICATE,
        /** Another live process is calling the handler for it right now: this copy is a duplicate. */
        IN_FLIGHT_ELSEWHERE
    }

    /**
     * One reply about to be handed over.
     *
     * @param key the delivery key: 32 lower-case hex digits (Message-ID, target, sender, body hash)
     * @param file the source's id of the message (a maildir file name, an IMAP UID)
     */
    record Entry(String key, String file) {
        /** Validates both. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(file, "file");
            if (!key.matches("[0-9a-f]{32}")) {
                throw new IllegalArgumentException("a delivery key is 32 lower-case hex digits, was '" + key + "'");
            }
        }
    }

    /**
     * Decides for each entry and durably marks those to deliver as in progress.
     *
     * @param entries the messages about to be handed to the handler; a key repeated in one batch is
     *     decided once, its later copies are {@link Decision#DUPLICATE}
     * @return a decision per entry, in order
     */
    List<Decision> begin(List<Entry> entries);

    /**
     * Durably records outcomes of handler calls.
     *
     * @param delivered entries the handler accepted
     * @param released entries the handler threw for (they may be tried again)
     */
    void finish(List<Entry> delivered, List<Entry> released);

    /** Releases the storage and this ledger's ownership; entries it left in progress become redeliverable. */
    @Override
    void close();
}
