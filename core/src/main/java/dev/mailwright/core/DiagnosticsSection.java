package dev.mailwright.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One section of the diagnostics report, contributed by a module through
 * {@link dev.mailwright.core.spi.DiagnosticsContributor}: the DNS report, inbound statistics, the
 * last test email.
 *
 * @param name a stable, machine-readable name ({@code dns}, {@code inbound})
 * @param title the heading printed for people
 * @param facts key/value facts in order (versions, counters); never a secret
 * @param findings findings in order
 */
public record DiagnosticsSection(String name, String title, Map<String, String> facts, List<Finding> findings) {
    /** Validates and copies (keeping the order of the facts). */
    public DiagnosticsSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts == null ? Map.of() : facts));
        findings = findings == null ? List.of() : List.copyOf(findings);
    }
}
