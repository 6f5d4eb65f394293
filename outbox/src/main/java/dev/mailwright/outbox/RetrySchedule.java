package dev.mailwright.outbox;

import dev.mailwright.smtp.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When an entry that failed transiently (4xx, refused connection, timeout, {@code 421 4.7.28} rate
 * limiting) is tried again: exponential backoff from {@code initialBackoff}, doubled each attempt up
 * to {@code maxBackoff}, each wait drawn at random between half and all of it (jitter); once the
 * entry has been failing for {@code lifetime} (counted from its enqueueing, or from an
 * administrator's retry), the next transient failure dead-letters it. The last attempt happens at
 * the end of the lifetime at the latest.
 *
 * @param initialBackoff the wait after the first failure, positive
 * @param maxBackoff the longest wait, at least the first
 * @param lifetime how long an entry is retried, at least the first wait
 */
public record RetrySchedule(Duration initialBackoff, Duration maxBackoff, Duration lifetime) {
    /** 1 minute doubling up to 1 hour, for 5 days (Postfix's {@code maximal_queue_lifetime}). */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(5));

    /** Validates the fields. */
    public RetrySchedule {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(lifetime, "lifetime");
        new RetryPolicy(2, initialBackoff, maxBackoff); // the same rules for the backoff
        if (lifetime.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("lifetime " + lifetime + " is shorter than initialBackoff " + initialBackoff);
        }
    }

    /**
     * @param failures how many attempts failed so far, at least 1
     * @param random a number in [0, 1)
     * @return the wait before the next attempt
     */
    public Duration backoff(int failures, double random) {
        return new RetryPolicy(2, initialBackoff, maxBackoff).backoff(Math.max(1, failures), random);
    }

    /**
     * @param lifetimeFrom when the entry was enqueued (or retried by an administrator)
     * @param now the time of the failure
     * @param failures attempts failed so far
     * @param random a number in [0, 1)
     * @return the next attempt's time, or null when the lifetime is over and the entry is dead
     */
    public Instant next(Instant lifetimeFrom, Instant now, int failures, double random) {
        Instant end = lifetimeFrom.plus(lifetime);
        if (!now.isBefore(end)) {
            return null;
        }
        Instant next = now.plus(backoff(failures, random));
        return next.isAfter(end) ? end : next;
    }
}
