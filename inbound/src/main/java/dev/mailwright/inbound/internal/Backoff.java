package dev.mailwright.inbound.internal;

import java.time.Duration;

/** Reconnection delays: the first after {@code min}, doubled after each failure up to {@code max}. */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private Duration next;

    /**
     * @param min the first delay
     * @param max the longest delay
     */
    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("a reconnection backoff needs 0 < min <= max, was " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** @return the delay before the next attempt, and doubles the one after it */
    public synchronized Duration next() {
        Duration d = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return d;
    }

    /** Starts again from {@code min} (after a success). */
    public synchronized void reset() {
        next = min;
    }
}
