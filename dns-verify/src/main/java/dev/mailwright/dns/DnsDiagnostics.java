package dev.mailwright.dns;

import dev.mailwright.core.spi.DiagnosticsContributor;
import dev.mailwright.dns.internal.DnsDiagnosticsContributor;

/**
 * The DNS section of the diagnostics report. The module registers a contributor with the system
 * resolver through {@link java.util.ServiceLoader}; {@link #contributor(ResolverSettings, PortProbe)}
 * is the programmatic alternative with explicit servers and probe.
 */
public final class DnsDiagnostics {
    private DnsDiagnostics() {
    }

    /**
     * @param resolver the DNS servers to ask
     * @param probe the port probe (timeout, trust store)
     * @return a contributor that runs {@link DnsVerifier} for the settings' host name, no-reply
     *     address and SMTP server, and returns the report as the {@code dns} section; never throws
     */
    public static DiagnosticsContributor contributor(ResolverSettings resolver, PortProbe probe) {
        return new DnsDiagnosticsContributor(resolver, java.util.Objects.requireNonNull(probe, "probe"));
    }
}
