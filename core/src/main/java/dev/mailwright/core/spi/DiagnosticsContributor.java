package dev.mailwright.core.spi;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;

/**
 * Contributes a section to the diagnostics report without the report's module depending on the
 * contributor's: the DNS checks, inbound statistics. Found with {@link java.util.ServiceLoader}
 * (declare the implementation in {@code META-INF/services/dev.mailwright.core.spi.DiagnosticsContributor})
 * or passed in code.
 *
 * <p>An implementation must not throw for expected problems (a DNS record missing): it reports
 * them as findings. It must finish within its own timeouts and never print a secret.
 */
public interface DiagnosticsContributor {

    /** @return a stable name for the section, such as {@code dns} */
    String name();

    /**
     * @param settings the settings the report is about (secrets must not be copied into the section)
     * @return the section
     */
    DiagnosticsSection contribute(EmailSettings settings);
}
