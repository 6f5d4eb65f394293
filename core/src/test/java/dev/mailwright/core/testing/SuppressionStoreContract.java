package dev.mailwright.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.spi.SuppressionStore;
import dev.mailwright.core.suppression.DeliveryProblem;
import dev.mailwright.core.suppression.SuppressionEntry;
import dev.mailwright.core.suppression.SuppressionList;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link SuppressionStore}, run by the file store's test (core) and the
 * PostgreSQL store's test (outbox): {@link #open()} returns a new store on this test's storage each
 * time it is called.
 */
public abstract class SuppressionStoreContract {

    /** @return a new store on this test's storage */
    protected abstract SuppressionStore open();

    /**
     * @param e an entry
     * @return it with one more hard bounce and a detail with a tab, a newline and a backslash
     */
    protected static SuppressionEntry bump(SuppressionEntry e) {
        return new SuppressionEntry(e.address(), e.score() + 1, e.hardBounces() + 1, e.softBounces(), e.complaints(),
                null, DeliveryProblem.HARD_BOUNCE, "550 5.1.1\tuser\nunknown \\ here", "", null);
    }

    @Test
    void entriesSurviveAReopen_textsWithTabsAndBackslashesIntact() {
        try (SuppressionList list = SuppressionList.builder().store(open()).build()) {
            list.record("a@example.com", DeliveryProblem.COMPLAINT, "abuse \\ report", "<x\t1@fbl>");
            list.record("b@example.com", DeliveryProblem.HARD_BOUNCE, "5.1.1", "");
            list.record("c@example.com", DeliveryProblem.SOFT_BOUNCE, "", "");
            assertThat(list.lift("c@example.com")).isTrue();
            assertThat(list.lift("c@example.com")).isFalse();
        }
        try (SuppressionList list = SuppressionList.builder().store(open()).build()) {
            assertThat(list.entries()).extracting(SuppressionEntry::address).containsExactly("a@example.com", "b@example.com");
            SuppressionEntry a = list.status("a@example.com").orElseThrow();
            assertThat(a.isSuppressed()).isTrue();
            assertThat(a.lastProblem()).isEqualTo(DeliveryProblem.COMPLAINT);
            assertThat(a.lastDetail()).isEqualTo("abuse \\ report");
            assertThat(a.lastEventId()).isEqualTo("<x 1@fbl>");
            assertThat(list.status("b@example.com").orElseThrow().score()).isEqualTo(2);
            assertThat(list.status("c@example.com")).isEmpty();
        }
    }

    @Test
    void everyFieldRoundTrips_andEntriesAreOrderedByAddress() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SuppressionEntry full = new SuppressionEntry("zed@example.com", 7, 2, 3, 1, at, DeliveryProblem.SOFT_BOUNCE,
                "452 4.2.2 mailbox full", "<b1@mx>", at.plusSeconds(5));
        try (SuppressionStore store = open()) {
            assertThat(store.find("zed@example.com")).isEmpty();
            store.update("zed@example.com", e -> full);
            store.update("Alpha@example.com".toLowerCase(java.util.Locale.ROOT), SuppressionStoreContract::bump);
            store.update("m@example.com", SuppressionStoreContract::bump);
        }
        try (SuppressionStore store = open()) {
            assertThat(store.find("zed@example.com")).contains(full);
            assertThat(store.entries()).extracting(SuppressionEntry::address)
                    .containsExactly("alpha@example.com", "m@example.com", "zed@example.com");
            assertThat(store.remove("m@example.com")).isTrue();
            assertThat(store.remove("m@example.com")).isFalse();
        }
    }

    @Test
    void manyThreadsAndTwoStores_loseNoUpdate() throws Exception {
        int threads = 4;
        int perThread = 100;
        try (SuppressionStore one = open(); SuppressionStore two = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    SuppressionStore s = t % 2 == 0 ? one : two;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            s.update("hot@example.com", SuppressionStoreContract::bump);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(one.find("hot@example.com").orElseThrow().score()).isEqualTo(threads * perThread);
            assertThat(two.find("hot@example.com").orElseThrow().score()).isEqualTo(threads * perThread);
        }
    }
}
