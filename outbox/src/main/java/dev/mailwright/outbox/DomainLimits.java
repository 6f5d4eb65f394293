package dev.mailwright.outbox;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How many messages a node sends at once, and how many per second, to each recipient domain, so that
 * one slow or throttling domain (Gmail, Outlook) does not hold back the others. A domain that answers
 * with a {@code 4.7.x} policy status ({@code 421 4.7.28} rate limiting) is also paused on that node
 * until the deferred entry is due again. Limits are per node: with three nodes, a domain gets up to
 * three times its limit.
 *
 * <pre>{@code
 * DomainLimits.builder().concurrency(8).perSecond(50)
 *         .domain("gmail.com", 4, 20).build()
 * }</pre>
 */
public final class DomainLimits {
    /** No per-domain limit beyond the number of workers. */
    public static final DomainLimits NONE = builder().build();

    private final Limit defaults;
    private final Map<String, Limit> domains;

    private DomainLimits(Builder b) {
        this.defaults = new Limit(b.concurrency, b.perSecond);
        this.domains = Map.copyOf(b.domains);
    }

    /** @return a builder: unlimited until told otherwise */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param domain a recipient domain
     * @return its limit: its own, or the default
     */
    public Limit limit(String domain) {
        return domains.getOrDefault(domain.toLowerCase(Locale.ROOT), defaults);
    }

    @Override
    public String toString() {
        return "DomainLimits[default=" + defaults + ", " + domains + "]";
    }

    /**
     * The limit of one domain.
     *
     * @param concurrency messages sent at once, at least 1 ({@link Integer#MAX_VALUE} for none)
     * @param perSecond messages started per second, positive ({@link Double#POSITIVE_INFINITY} for none)
     */
    public record Limit(int concurrency, double perSecond) {
        /** Validates the fields. */
        public Limit {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
            }
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("perSecond must be positive, was " + perSecond);
            }
        }
    }

    /** Builds {@link DomainLimits}; not thread-safe. */
    public static final class Builder {
        private int concurrency = Integer.MAX_VALUE;
        private double perSecond = Double.POSITIVE_INFINITY;
        private final Map<String, Limit> domains = new HashMap<>();

        private Builder() {
        }

        /** @param concurrency the default for every domain, at least 1 @return this */
        public Builder concurrency(int concurrency) {
            this.concurrency = new Limit(concurrency, 1).concurrency();
            return this;
        }

        /** @param perSecond the default rate for every domain, positive @return this */
        public Builder perSecond(double perSecond) {
            this.perSecond = new Limit(1, perSecond).perSecond();
            return this;
        }

        /**
         * @param domain a recipient domain, such as {@code gmail.com}
         * @param concurrency messages at once to it
         * @param perSecond messages per second to it
         * @return this
         * @throws IllegalArgumentException when the domain was already given
         */
        public Builder domain(String domain, int concurrency, double perSecond) {
            String d = Objects.requireNonNull(domain, "domain").strip().toLowerCase(Locale.ROOT);
            if (d.isEmpty() || d.contains("@")) {
                throw new IllegalArgumentException("a domain such as gmail.com is expected, not '" + domain + "'");
            }
            if (domains.putIfAbsent(d, new Limit(concurrency, perSecond)) != null) {
                throw new IllegalArgumentException("the limit of " + d + " was already set to " + domains.get(d));
            }
            return this;
        }

        /** @return the limits */
        public DomainLimits build() {
            return new DomainLimits(this);
        }
    }
}
