package dev.mailwright.core.suppression;

import dev.mailwright.core.spi.SuppressionStore;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/** Entries in a concurrent map: atomic per address, not durable. */
final class MemorySuppressionStore implements SuppressionStore {
    private final ConcurrentMap<String, SuppressionEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<SuppressionEntry> find(String address) {
        return Optional.ofNullable(entries.get(address));
    }

    @Override
    public SuppressionEntry update(String address, UnaryOperator<SuppressionEntry> change) {
        return entries.compute(address, (a, current) -> Entries.checked(a,
                change.apply(current != null ? current : SuppressionEntry.empty(a))));
    }

    @Override
    public boolean remove(String address) {
        return entries.remove(address) != null;
    }

    @Override
    public List<SuppressionEntry> entries() {
        return entries.values().stream().sorted(Comparator.comparing(SuppressionEntry::address)).toList();
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return "SuppressionStore[memory, " + entries.size() + " entries]";
    }
}
