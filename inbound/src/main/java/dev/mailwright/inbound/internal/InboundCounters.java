package dev.mailwright.inbound.internal;

import dev.mailwright.inbound.Disposition;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of one listener or one pipeline (not of the process: two listeners in one JVM
 * count apart). Thread-safe. Read through {@code InboundListener.statistics()} and
 * {@code InboundPipeline.statistics()}.
 */
public final class InboundCounters {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    /**
     * @param counter a counter name such as {@code success}, {@code failure.address.forged} or
     *     {@code listener.refused.rcpt}
     */
    public void count(String counter) {
        add(counter, 1);
    }

    /**
     * @param counter a counter name
     * @param n how much to add (nothing is created for 0)
     */
    public void add(String counter, long n) {
        if (n != 0) {
            counters.computeIfAbsent(counter, k -> new AtomicLong()).addAndGet(n);
        }
    }

    /**
     * Counts a disposition under its folder and, for failures and discards, its reason code.
     *
     * @param d the disposition
     */
    public void record(Disposition d) {
        count(d.folder());
        if (d instanceof Disposition.Rejected r) {
            count("failure." + r.code());
        } else if (d instanceof Disposition.Discarded x) {
            count("discarded." + x.code());
        }
    }

    /**
     * @param counter a counter name
     * @return its value, 0 when never counted
     */
    public long get(String counter) {
        AtomicLong c = counters.get(counter);
        return c == null ? 0 : c.get();
    }

    /** @return a copy of the counters, sorted by name */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
