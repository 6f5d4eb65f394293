package dev.mailwright.inbound;

import dev.mailwright.core.spi.DiagnosticsContributor;
import dev.mailwright.inbound.internal.InboundCounters;
import dev.mailwright.inbound.internal.InboundDiagnostics;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link InboundListener} or one {@link InboundPipeline} has counted since it was built:
 * messages filed under each folder and reason code ({@code success}, {@code failure.address.forged},
 * {@code discarded.…}), and for a listener the commands and connections it accepted and refused
 * ({@code listener.accepted}, {@code listener.refused.rcpt}, {@code listener.spool.syncs}, …).
 * Each instance counts apart: two listeners in one process do not add up. A live view,
 * thread-safe.
 *
 * <pre>{@code
 * DiagnosticsReport report = DiagnosticsReport.builder().settings(settings)
 *         .contributor(listener.statistics().diagnostics()).build();
 * }</pre>
 */
public final class InboundStatistics {
    private final InboundCounters counters;

    InboundStatistics(InboundCounters counters) {
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** @return a copy of the counters, sorted by name; empty until something is counted */
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    /**
     * @param counter a counter name, such as {@code listener.accepted}
     * @return its value, 0 when never counted
     */
    public long get(String counter) {
        return counters.get(Objects.requireNonNull(counter, "counter"));
    }

    /**
     * @return the {@code inbound} section of a diagnostics report with these counters (the section
     *     found through {@link java.util.ServiceLoader} has the settings' facts only)
     */
    public DiagnosticsContributor diagnostics() {
        return new InboundDiagnostics(counters);
    }

    @Override
    public String toString() {
        return "InboundStatistics" + counters.snapshot();
    }
}
