package dev.mailwright.outbox.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A node asks for due entries: queued entries due by {@code now}, and entries whose lease expired
 * before {@code now} (their node died). Claimed entries are leased to {@code owner} until
 * {@code leaseUntil} and their attempt count is raised by one.
 *
 * @param owner the claiming node's id
 * @param limit at most this many entries, at least 1
 * @param now the current time
 * @param leaseUntil when the lease expires unless renewed
 * @param excludedDomains recipient domains not to claim now (at their limit, or paused)
 */
public record ClaimRequest(String owner, int limit, Instant now, Instant leaseUntil, Set<String> excludedDomains) {
    /** Validates and copies. */
    public ClaimRequest {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        excludedDomains = Set.copyOf(excludedDomains);
        if (limit < 1) {
            throw new IllegalArgumentException("claim limit must be at least 1, was " + limit);
        }
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("leaseUntil " + leaseUntil + " is not after now " + now);
        }
    }
}
