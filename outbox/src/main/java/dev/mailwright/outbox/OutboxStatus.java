package dev.mailwright.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Counts of the entries per state and the age of the oldest due entry, at one moment.
 *
 * @param counts entries per state (every state present, zero when none)
 * @param oldestDueAge how long the oldest due entry has waited past its due time (zero when none is due)
 * @param measuredAt when the counts were taken
 */
public record OutboxStatus(Map<EntryState, Long> counts, Duration oldestDueAge, Instant measuredAt) {
    /** Validates and fills missing states with zero. */
    public OutboxStatus {
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(oldestDueAge, "oldestDueAge");
        Objects.requireNonNull(measuredAt, "measuredAt");
        EnumMap<EntryState, Long> all = new EnumMap<>(EntryState.class);
        for (EntryState s : EntryState.values()) {
            all.put(s, counts.getOrDefault(s, 0L));
        }
        counts = Map.copyOf(all);
    }

    /** @param state a state @return how many entries are in it */
    public long count(EntryState state) {
        return counts.get(state);
    }

    /** @return entries not yet settled: queued and leased */
    public long pending() {
        return count(EntryState.QUEUED) + count(EntryState.LEASED);
    }
}
