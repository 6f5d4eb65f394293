package dev.mailwright.outbox;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which entries an administrator lists, retries or purges.
 *
 * @param states the states, at least one
 * @param domain only this recipient domain, or null for all
 * @param before only entries finished (or, when not finished, created) before this time, or null
 * @param id only this entry, or null
 */
public record EntryFilter(Set<EntryState> states, String domain, Instant before, Long id) {
    /** Validates and copies; the domain is kept in lower case. */
    public EntryFilter {
        Objects.requireNonNull(states, "states");
        if (states.isEmpty()) {
            throw new IllegalArgumentException("an entry filter needs at least one state");
        }
        states = Set.copyOf(EnumSet.copyOf(states));
        domain = domain == null ? null : domain.strip().toLowerCase(Locale.ROOT);
        if (id != null && id <= 0) {
            throw new IllegalArgumentException("entry id must be positive, was " + id);
        }
    }

    /** @param states the states @return a filter on these states only */
    public static EntryFilter of(EntryState... states) {
        return new EntryFilter(Set.of(states), null, null, null);
    }

    /** @param domain a recipient domain, or null @return a copy */
    public EntryFilter withDomain(String domain) {
        return new EntryFilter(states, domain, before, id);
    }

    /** @param before a time, or null @return a copy */
    public EntryFilter withBefore(Instant before) {
        return new EntryFilter(states, domain, before, id);
    }

    /** @param id an entry id, or null @return a copy */
    public EntryFilter withId(Long id) {
        return new EntryFilter(states, domain, before, id);
    }
}
