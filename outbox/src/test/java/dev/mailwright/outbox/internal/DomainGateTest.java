package dev.mailwright.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.outbox.DomainLimits;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-domain gate: concurrency, rate (a bucket of one second's messages) and pauses; time is given. */
class DomainGateTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final long S = 1_000_000_000L;

    @Test
    void aDomainsRate_letsOneSecondsMessagesGo_thenOneEveryPeriod() {
        DomainGate gate = new DomainGate(DomainLimits.builder().domain("gmail.com", 100, 2).build());
        assertThat(gate.tryAcquire("gmail.com", NOW, 0)).isTrue();
        assertThat(gate.tryAcquire("gmail.com", NOW, 0)).isTrue();
        assertThat(gate.tryAcquire("gmail.com", NOW, 0)).as("the bucket of 2 is empty").isFalse();
        assertThat(gate.blocked(NOW, S / 4)).containsExactly("gmail.com");
        assertThat(gate.tryAcquire("gmail.com", NOW, S / 2)).as("half a second later: one token").isTrue();
        assertThat(gate.tryAcquire("example.com", NOW, S / 2)).as("other domains are not limited").isTrue();
    }

    @Test
    void aDomainAtItsConcurrency_isLeftOut_untilOneFinishes() {
        DomainGate gate = new DomainGate(DomainLimits.builder().concurrency(1).build());
        assertThat(gate.tryAcquire("slow.example", NOW, 0)).isTrue();
        assertThat(gate.tryAcquire("slow.example", NOW, 0)).isFalse();
        assertThat(gate.blocked(NOW, 0)).containsExactly("slow.example");
        gate.release("slow.example");
        assertThat(gate.blocked(NOW, 0)).isEmpty();
        assertThat(gate.tryAcquire("slow.example", NOW, 0)).isTrue();
    }

    @Test
    void aPausedDomain_waitsUntilThePauseEnds() {
        DomainGate gate = new DomainGate(DomainLimits.NONE);
        gate.pause("busy.example", NOW.plusSeconds(60));
        assertThat(gate.tryAcquire("busy.example", NOW, 0)).isFalse();
        assertThat(gate.blocked(NOW, 0)).containsExactly("busy.example");
        assertThat(gate.tryAcquire("busy.example", NOW.plusSeconds(60), 0)).isTrue();
    }
}
