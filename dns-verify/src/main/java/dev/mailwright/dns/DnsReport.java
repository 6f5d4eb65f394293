package dev.mailwright.dns;

import dev.mailwright.core.DiagnosticsSection;
import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link DnsVerifier#verify()}: every check as a {@link Finding} (pass, warning or
 * failure, what was found, what was expected, the remedy and the DNS answers as evidence), and the
 * records to create as zone-file lines.
 *
 * @param hostname the instance host name checked
 * @param checkedAt when the check started
 * @param elapsed how long it took
 * @param findings the findings in a fixed order: reply, noreply, ports, SPF, DMARC, DKIM, MTA-STS,
 *     TLS-RPT, reverse DNS, DNSSEC
 * @param recordsToCreate the records whose absence or error a finding reports, ready to paste
 */
public record DnsReport(String hostname, Instant checkedAt, Duration elapsed, List<Finding> findings,
        List<ZoneRecord> recordsToCreate) {

    /** Validates and copies. */
    public DnsReport {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(elapsed, "elapsed");
        findings = List.copyOf(findings);
        recordsToCreate = List.copyOf(recordsToCreate);
    }

    /** @return true when any finding is a failure */
    public boolean hasFailures() {
        return findings.stream().anyMatch(f -> f.severity().isFailure());
    }

    /**
     * @param code a finding code such as {@code dns.reply.mx}
     * @return the findings with that code, in order
     */
    public List<Finding> findings(String code) {
        return findings.stream().filter(f -> f.code().equals(code)).collect(java.util.stream.Collectors.toList());
    }

    /** @return how many findings have each severity */
    public Map<Severity, Long> counts() {
        Map<Severity, Long> counts = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            counts.put(s, findings.stream().filter(f -> f.severity() == s).count());
        }
        return counts;
    }

    /** @return the report as the {@code dns} section of the diagnostics report */
    public DiagnosticsSection toSection() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("hostname", hostname);
        facts.put("checked at", checkedAt.toString());
        facts.put("elapsed", elapsed.toMillis() + " ms");
        for (int i = 0; i < recordsToCreate.size(); i++) {
            facts.put("record to create " + (i + 1), recordsToCreate.get(i).zoneLine());
        }
        return new DiagnosticsSection("dns", "DNS and port checks", facts, findings);
    }
}
