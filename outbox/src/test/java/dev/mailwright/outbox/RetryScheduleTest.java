package dev.mailwright.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void theDefault_retriesForFiveDays_fromOneMinuteDoublingToAnHour() {
        RetrySchedule s = RetrySchedule.DEFAULT;
        assertThat(s.lifetime()).isEqualTo(Duration.ofDays(5));
        assertThat(s.backoff(1, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.backoff(1, 0.999)).isBetween(Duration.ofSeconds(59), Duration.ofMinutes(1));
        assertThat(s.backoff(3, 0.999)).isBetween(Duration.ofSeconds(239), Duration.ofMinutes(4));
        assertThat(s.backoff(40, 0.999)).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
    }

    @Test
    void jitter_spreadsEachWaitBetweenHalfAndAllOfIt() {
        RetrySchedule s = new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(100), Duration.ofHours(1));
        assertThat(s.backoff(2, 0.0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void theLastAttempt_isAtTheEndOfTheLifetime_andAFailureAfterItMeansDead() {
        RetrySchedule s = new RetrySchedule(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(15));
        assertThat(s.next(T0, T0.plusSeconds(60), 1, 0.999)).isBetween(T0.plusSeconds(60 + 599), T0.plusSeconds(660));
        assertThat(s.next(T0, T0.plusSeconds(600), 2, 0.999)).isEqualTo(T0.plus(Duration.ofMinutes(15)));
        assertThat(s.next(T0, T0.plus(Duration.ofMinutes(15)), 3, 0.5)).isNull();
    }

    @Test
    void badSchedules_areRefusedWithTheValues() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(1)))
                .hasMessageContaining("PT1M").hasMessageContaining("PT5M");
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .hasMessageContaining("lifetime PT1M");
        assertThatThrownBy(() -> DomainLimits.builder().domain("gmail.com", 1, 1).domain("GMAIL.com", 2, 2))
                .hasMessageContaining("gmail.com was already set");
        assertThatThrownBy(() -> DomainLimits.builder().domain("a@gmail.com", 1, 1)).hasMessageContaining("'a@gmail.com'");
    }
}
