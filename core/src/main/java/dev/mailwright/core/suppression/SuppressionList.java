package dev.mailwright.core.suppression;

import dev.mailwright.core.EmailAddresses;
import dev.mailwright.core.spi.SuppressionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The addresses that notifications must no longer go to. Bounces add to an address's score under
 * a {@link SuppressionPolicy} (hard more than soft, forgotten after a quiet period); at the
 * threshold, or at once for a complaint, the address is suppressed until the host lifts it. The
 * same event (a bounce delivered twice) is counted once.
 *
 * <pre>{@code
 * SuppressionList list = SuppressionList.builder()
 *         .store(SuppressionStores.file(Path.of("/var/lib/mailwright/suppressions.tsv")))
 *         .build();
 * list.record("octocat@example.com", DeliveryProblem.HARD_BOUNCE, "5.1.1 user unknown", "<id@mta>");
 * if (list.isSuppressed("octocat@example.com")) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe; as safe across processes as its store. It owns its store and
 * closes it in {@link #close()}.
 */
public final class SuppressionList implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionList.class);

    private final SuppressionStore store;
    private final SuppressionPolicy policy;
    private final Clock clock;

    private SuppressionList(SuppressionStore store, SuppressionPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /** @return a builder; the store is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Counts one bounce or complaint.
     *
     * @param address the address that bounced or complained
     * @param problem what it was
     * @param detail what the bounce said (status, diagnostic), one line; "" when nothing
     * @param eventId the event's id (the bounce's Message-ID), or "" when it has none; an event
     *     with the same id as the last one counted for the address is not counted again
     * @return the address's entry after counting
     * @throws IllegalArgumentException when the address is not valid
     */
    public SuppressionEntry record(String address, DeliveryProblem problem, String detail, String eventId) {
        String a = key(address);
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(eventId, "eventId");
        Instant now = clock.instant();
        SuppressionEntry after = store.update(a, e -> count(e, problem, detail, eventId, now));
        if (after.isSuppressed() && now.equals(after.suppressedAt())) {
            LOG.info("suppressed {}: {} (score {}, threshold {})", a, problem, after.score(), policy.threshold());
        }
        return after;
    }

    private SuppressionEntry count(SuppressionEntry e, DeliveryProblem problem, String detail, String eventId, Instant now) {
        if (!eventId.isEmpty() && eventId.equals(e.lastEventId())) {
            return e;
        }
        boolean stale = e.lastEventAt() != null && Duration.between(e.lastEventAt(), now).compareTo(policy.resetAfter()) > 0;
        int score = (stale && !e.isSuppressed() ? 0 : e.score()) + policy.points(problem);
        Instant suppressedAt = e.isSuppressed() ? e.suppressedAt()
                : score >= policy.threshold() || problem == DeliveryProblem.COMPLAINT ? now : null;
        return new SuppressionEntry(e.address(), Math.min(score, 1_000_000),
                e.hardBounces() + (problem == DeliveryProblem.HARD_BOUNCE ? 1 : 0),
                e.softBounces() + (problem == DeliveryProblem.SOFT_BOUNCE ? 1 : 0),
                e.complaints() + (problem == DeliveryProblem.COMPLAINT ? 1 : 0),
                now, problem, detail, eventId, suppressedAt);
    }

    /**
     * @param address an address, in any case
     * @return true when notifications to it must not be sent
     */
    public boolean isSuppressed(String address) {
        return status(address).map(SuppressionEntry::isSuppressed).orElse(false);
    }

    /**
     * @param address an address, in any case
     * @return what the list knows of it, when anything
     */
    public Optional<SuppressionEntry> status(String address) {
        return store.find(key(address));
    }

    /** @return the suppressed addresses, ordered by address */
    public List<SuppressionEntry> suppressed() {
        return store.entries().stream().filter(SuppressionEntry::isSuppressed).toList();
    }

    /** @return every address with a score or a suppression, ordered by address */
    public List<SuppressionEntry> entries() {
        return store.entries();
    }

    /**
     * Lifts the suppression of an address and forgets its score (the host does this when the user
     * confirms the address again).
     *
     * @param address an address, in any case
     * @return true when the list knew the address
     */
    public boolean lift(String address) {
        String a = key(address);
        boolean removed = store.remove(a);
        if (removed) {
            LOG.info("lifted the suppression of {}", a);
        }
        return removed;
    }

    /** @return the policy */
    public SuppressionPolicy policy() {
        return policy;
    }

    /** Closes the store. */
    @Override
    public void close() {
        store.close();
    }

    private static String key(String address) {
        return EmailAddresses.require(address, "address").toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "SuppressionList[" + store + ", " + policy + "]";
    }

    /** Builds a {@link SuppressionList}; each property is set once. Not thread-safe. */
    public static final class Builder {
        private SuppressionStore store;
        private SuppressionPolicy policy;
        private Clock clock;

        private Builder() {
        }

        /** @param store where the entries live; the list closes it @return this */
        public Builder store(SuppressionStore store) {
            requireUnset(this.store, "store");
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** @param policy the scores, threshold and reset period; default {@link SuppressionPolicy#DEFAULT} @return this */
        public Builder policy(SuppressionPolicy policy) {
            requireUnset(this.policy, "policy");
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** @param clock when bounces happen (inject a fixed one in tests); default the system clock @return this */
        public Builder clock(Clock clock) {
            requireUnset(this.clock, "clock");
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private static void requireUnset(Object current, String name) {
            if (current != null) {
                throw new IllegalStateException("SuppressionList: " + name + " was already set to " + current);
            }
        }

        /** @return the list @throws IllegalStateException when no store was given */
        public SuppressionList build() {
            if (store == null) {
                throw new IllegalStateException("SuppressionList: store(...) is required, such as"
                        + " SuppressionStores.file(Path.of(\"suppressions.tsv\"))");
            }
            return new SuppressionList(store, policy != null ? policy : SuppressionPolicy.DEFAULT,
                    clock != null ? clock : Clock.systemUTC());
        }
    }
}
