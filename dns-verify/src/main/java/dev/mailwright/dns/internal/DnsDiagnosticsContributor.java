package dev.mailwright.dns.internal;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Finding;
import dev.mailwright.core.HostNames;
import dev.mailwright.core.spi.DiagnosticsContributor;
import dev.mailwright.dns.DnsVerifier;
import java.util.List;
import java.util.Map;

/**
 * Adds the DNS report to the diagnostics report, found through {@link java.util.ServiceLoader}.
 * Uses the system resolver and probes port 25 of the instance; never throws for a DNS problem.
 */
public final class DnsDiagnosticsContributor implements DiagnosticsContributor {
    /** Called by {@link java.util.ServiceLoader}. */
    public DnsDiagnosticsContributor() {
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public DiagnosticsSection contribute(EmailSettings settings) {
        if (settings.hostname() == null || !HostNames.isValidHostName(settings.hostname())) {
            return new DiagnosticsSection(name(), "DNS and port checks", Map.of(), List.of(Findings.failure(
                    "dns.hostname", "the instance host name is " + (settings.hostname() == null ? "not set"
                            : "'" + settings.hostname() + "', not a valid host name"), "the instance host name",
                    "Set the host name in the email settings (mailwright.hostname).", List.of())));
        }
        try {
            return DnsVerifier.builder().settings(settings).build().verify().toSection();
        } catch (RuntimeException e) {
            Finding f = Findings.failure("dns.unavailable", "the DNS checks could not run: " + e.getMessage(),
                    "a working DNS resolver", "Check /etc/resolv.conf, or run `mailwright dns check --resolver ...`.",
                    List.of());
            return new DiagnosticsSection(name(), "DNS and port checks", Map.of(), List.of(f));
        }
    }
}
