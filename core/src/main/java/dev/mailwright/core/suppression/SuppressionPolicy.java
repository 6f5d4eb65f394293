package dev.mailwright.core.suppression;

import java.time.Duration;
import java.util.Objects;

/**
 * How bounces add up to a suppression, in the manner of Discourse's bounce score: each hard bounce
 * adds {@code hardBounceScore}, each soft one {@code softBounceScore}; an address whose score reaches
 * {@code threshold} is suppressed; a score whose last bounce is older than {@code resetAfter} starts
 * again from zero. A complaint suppresses at once.
 *
 * @param hardBounceScore points of a hard bounce, 1 to 1000
 * @param softBounceScore points of a soft bounce, 0 to 1000 (0: soft bounces never count)
 * @param threshold the score that suppresses, 1 to 10000
 * @param resetAfter how long after its last bounce a score is forgotten; positive
 */
public record SuppressionPolicy(int hardBounceScore, int softBounceScore, int threshold, Duration resetAfter) {
    /** Hard 2, soft 1, threshold 4, reset after 30 days: two hard bounces or four soft ones within a month. */
    public static final SuppressionPolicy DEFAULT = new SuppressionPolicy(2, 1, 4, Duration.ofDays(30));

    /** Validates the ranges. */
    public SuppressionPolicy {
        range("hardBounceScore", hardBounceScore, 1, 1000);
        range("softBounceScore", softBounceScore, 0, 1000);
        range("threshold", threshold, 1, 10_000);
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("resetAfter must be positive, such as P30D, was " + resetAfter);
        }
    }

    private static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /**
     * @param problem a bounce or complaint
     * @return the points it adds (a complaint: the threshold)
     */
    public int points(DeliveryProblem problem) {
        return switch (Objects.requireNonNull(problem, "problem")) {
            case HARD_BOUNCE -> hardBounceScore;
            case SOFT_BOUNCE -> softBounceScore;
            case COMPLAINT -> threshold;
        };
    }
}
