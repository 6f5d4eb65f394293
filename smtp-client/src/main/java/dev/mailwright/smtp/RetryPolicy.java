package dev.mailwright.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * How transient failures are retried: exponential backoff from {@code initialBackoff}, doubled
 * each time up to {@code maxBackoff}, each wait drawn at random between half and all of it (jitter),
 * at most {@code maxAttempts} attempts in all and never past the send's deadline.
 *
 * @param maxAttempts attempts in all, at least 1 (1 disables retries)
 * @param initialBackoff the first wait, positive
 * @param maxBackoff the longest wait, at least the first
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    /** 5 attempts, 200 ms doubling up to 5 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));
    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1));

    /** Validates the fields. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
        }
    }

    /**
     * @param retry 1 for the wait before the second attempt, 2 before the third, ...
     * @param random a number in [0, 1)
     * @return the wait, between half and all of the exponential backoff
     */
    public Duration backoff(int retry, double random) {
        long base = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        long exp = retry >= 62 ? max : Math.min(max, base << Math.min(retry - 1, 30));
        if (exp < 0) {
            exp = max;
        }
        return Duration.ofNanos(exp / 2 + (long) (exp / 2.0 * random));
    }
}
