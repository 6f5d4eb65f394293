package dev.mailwright.dns.internal;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.HostNames;
import dev.mailwright.core.spi.DiagnosticsContributor;
import dev.mailwright.dns.DnsVerifier;
import dev.mailwright.dns.PortProbe;
import dev.mailwright.dns.ResolverSettings;
import java.util.List;
import java.util.Map;

/**
 * Adds the DNS report to the diagnostics report, found through {@link java.util.ServiceLoader}.
 * Uses the system resolver and probes port 25 of the instance; never throws for a DNS problem.
 */
public final class DnsDiagnosticsContributor implements DiagnosticsContributor {
    private final ResolverSettings resolver;
    private final PortProbe probe;

    /** Called by {@link java.util.ServiceLoader}: the system resolver and the default probe. */
    public DnsDiagnosticsContributor() {
        this(ResolverSettings.system(), null);
    }

    /**
     * @param resolver the DNS servers to ask
     * @param probe the port probe, or null for the default
     */
    public DnsDiagnosticsContributor(ResolverSettings resolver, PortProbe probe) {
        this.resolver = java.util.Objects.requireNonNull(resolver, "resolver");
        this.probe = probe;
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public DiagnosticsSection contribute(EmailSettings settings) {
        if (settings.hostname().isEmpty() || !HostNames.isValidHostName(settings.hostname().get())) {
            return new DiagnosticsSection(name(), "DNS and port checks", Map.of(), List.of(Findings.failure(
                    "dns.hostname", "the instance host name is " + (settings.hostname().isEmpty() ? "not set"
                            : "'" + settings.hostname().get() + "', not a valid host name"), "the instance host name",
                    "Set the host name in the email settings (mailwright.hostname).", List.of())));
        }
        try {
            DnsVerifier.Builder b = DnsVerifier.builder().settings(settings).resolver(resolver);
            if (probe != null) {
                b.portProbe(probe);
            }
            return b.build().verify().toSection();
        } catch (RuntimeException e) {
            Finding f = Findings.failure("dns.unavailable", "the DNS checks could not run: " + e.getMessage(),
                    "a working DNS resolver", "Check /etc/resolv.conf, or run `mailwright dns check --resolver ...`.",
                    List.of());
            return new DiagnosticsSection(name(), "DNS and port checks", Map.of(), List.of(f));
        }
    }
}
