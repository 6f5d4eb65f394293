package dev.mailwright.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.spi.NoticeThrottle;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link NoticeThrottle}, run by the file throttle's test (inbound) and the
 * PostgreSQL throttle's test (outbox): {@link #open(Clock)} returns a new instance on this test's
 * storage each time it is called.
 */
public abstract class NoticeThrottleContract {
    /** Noon on a day, UTC. */
    protected static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    /** @param clock decides the window @return a new throttle on this test's storage */
    protected abstract NoticeThrottle open(Clock clock);

    @Test
    void oneNoticePerSenderAndReasonPerDay_acrossInstances_caseInsensitive() {
        Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
        NoticeThrottle a = open(clock);
        NoticeThrottle b = open(clock);
        assertThat(a.tryAcquire("Alice@Example.com", "sender.rejected")).isTrue();
        assertThat(a.tryAcquire("alice@example.com", "sender.rejected")).isFalse();
        assertThat(b.tryAcquire("alice@example.com", "sender.rejected")).isFalse();
        assertThat(b.tryAcquire("alice@example.com", "reply.expired")).isTrue();
        assertThat(b.tryAcquire("bob@example.com", "sender.rejected")).isTrue();

        NoticeThrottle nextDay = open(Clock.fixed(NOON.plusSeconds(86_400), ZoneOffset.UTC));
        assertThat(nextDay.tryAcquire("alice@example.com", "sender.rejected")).isTrue();
        assertThat(nextDay.tryAcquire("alice@example.com", "sender.rejected")).isFalse();
    }

    @Test
    void instancesRacingForOneSender_grantOneNotice() throws Exception {
        Clock clock = Clock.fixed(NOON, ZoneOffset.UTC);
        ExecutorService threads = Executors.newFixedThreadPool(4); // all at once, even on one core
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NoticeThrottle t = open(clock);
            runs.add(CompletableFuture.supplyAsync(() -> {
                int granted = 0;
                for (int n = 0; n < 20; n++) {
                    granted += t.tryAcquire("sender" + n + "@example.com", "sender.rejected") ? 1 : 0;
                }
                return granted;
            }, threads));
        }
        int granted = 0;
        for (CompletableFuture<Integer> r : runs) {
            granted += r.get(120, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(granted).isEqualTo(20);
    }
}
