package dev.mailwright.core.testing;

import static dev.mailwright.core.spi.DeliveryLedger.Decision.ALREADY_DELIVERED_SAME_FILE;
import static dev.mailwright.core.spi.DeliveryLedger.Decision.DELIVER;
import static dev.mailwright.core.spi.DeliveryLedger.Decision.DUPLICATE;
import static dev.mailwright.core.spi.DeliveryLedger.Decision.IN_FLIGHT_ELSEWHERE;
import static dev.mailwright.core.spi.DeliveryLedger.Decision.REDELIVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.spi.DeliveryLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link DeliveryLedger}, run by the file ledger's test (inbound) and the
 * PostgreSQL ledger's test (outbox): {@link #open()} returns a new instance (a new owner) on the
 * same storage each time it is called within one test.
 */
public abstract class DeliveryLedgerContract {
    /** A key. */
    protected static final String K1 = "0123456789abcdef0123456789abcdef";
    /** Another key. */
    protected static final String K2 = "fedcba9876543210fedcba9876543210";

    /** @return a new ledger instance on this test's storage */
    protected abstract DeliveryLedger open();

    /**
     * @param key a key
     * @param file a source id
     * @return the entry
     */
    protected static DeliveryLedger.Entry e(String key, String file) {
        return new DeliveryLedger.Entry(key, file);
    }

    @Test
    void aDeliveredKey_isADuplicateForOtherFiles_andForOtherLedgersOnTheSameStorage() {
        try (DeliveryLedger a = open(); DeliveryLedger b = open()) {
            assertThat(a.begin(List.of(e(K1, "f1"), e(K1, "f1-copy")))).containsExactly(DELIVER, DUPLICATE);
            assertThat(b.begin(List.of(e(K1, "f2")))).containsExactly(IN_FLIGHT_ELSEWHERE);
            a.finish(List.of(e(K1, "f1")), List.of());

            assertThat(b.begin(List.of(e(K1, "f2"), e(K2, "f3")))).containsExactly(DUPLICATE, DELIVER);
            assertThat(b.begin(List.of(e(K1, "f1")))).containsExactly(ALREADY_DELIVERED_SAME_FILE);
        }
    }

    @Test
    void aReleasedKey_mayBeDeliveredAgain_andStateSurvivesReopening() {
        try (DeliveryLedger a = open()) {
            a.begin(List.of(e(K1, "f1"), e(K2, "f2")));
            a.finish(List.of(e(K2, "f2")), List.of(e(K1, "f1")));
        }
        try (DeliveryLedger again = open()) {
            assertThat(again.begin(List.of(e(K1, "f1"), e(K2, "f9")))).containsExactly(DELIVER, DUPLICATE);
        }
    }

    @Test
    void aKeyLeftInProgressByAClosedOwner_isRedelivered() {
        DeliveryLedger first = open();
        assertThat(first.begin(List.of(e(K1, "f1")))).containsExactly(DELIVER);
        first.close();
        try (DeliveryLedger next = open()) {
            assertThat(next.begin(List.of(e(K1, "f1")))).containsExactly(REDELIVER);
        }
    }

    @Test
    void aSecondCopyWhileThisInstanceDeliversTheFirst_isInFlight_andDeliverableOnceReleased() {
        try (DeliveryLedger a = open()) {
            assertThat(a.begin(List.of(e(K1, "f1")))).containsExactly(DELIVER);
            assertThat(a.begin(List.of(e(K1, "f2")))).as("another thread of the same pipeline").containsExactly(IN_FLIGHT_ELSEWHERE);
            a.finish(List.of(), List.of(e(K1, "f1")));
            assertThat(a.begin(List.of(e(K1, "f2")))).containsExactly(DELIVER);
        }
    }

    @Test
    void manyLedgersRacingForTheSameKeys_deliverEachKeyOnce() throws Exception {
        int ledgers = 4;
        int keys = 60;
        List<DeliveryLedger> open = new ArrayList<>();
        for (int i = 0; i < ledgers; i++) {
            open.add(open());
        }
        try {
            ExecutorService threads = Executors.newFixedThreadPool(ledgers); // all at once, even on one core
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < ledgers; i++) {
                DeliveryLedger l = open.get(i);
                int copy = i;
                runs.add(CompletableFuture.supplyAsync(() -> race(l, keys, copy), threads));
            }
            int delivered = 0;
            for (CompletableFuture<Integer> r : runs) {
                delivered += r.get(120, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertThat(delivered).isEqualTo(keys);
        } finally {
            open.forEach(DeliveryLedger::close);
        }
    }

    private static int race(DeliveryLedger ledger, int keys, int copy) {
        int delivered = 0;
        for (int k = 0; k < keys; k += 3) {
            List<DeliveryLedger.Entry> batch = new ArrayList<>();
            for (int j = k; j < Math.min(keys, k + 3); j++) {
                batch.add(e(String.format("%032x", 1_000_003L * (j + 1)), "file-" + j + "-copy-" + copy));
            }
            List<DeliveryLedger.Decision> d = ledger.begin(batch);
            List<DeliveryLedger.Entry> done = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (d.get(i) == DELIVER || d.get(i) == REDELIVER) {
                    delivered++;
                    done.add(batch.get(i));
                }
            }
            ledger.finish(done, List.of());
        }
        return delivered;
    }
}
