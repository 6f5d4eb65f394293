package dev.mailwright.examples;

import dev.mailwright.core.diagnostics.ReportRenderer;
import dev.mailwright.dns.DnsReport;
import dev.mailwright.dns.DnsVerifier;
import dev.mailwright.dns.ResolverSettings;
import java.time.Duration;

/**
 * Checking the DNS records and port 25 that reply-by-email needs, and printing what to fix and the
 * records to create.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.CheckDnsExample HOSTNAME [RESOLVER:PORT]}
 */
public final class CheckDnsExample {
    private CheckDnsExample() {
    }

    /**
     * @param hostname the instance host name
     * @param resolver the DNS server to ask, such as {@code 127.0.0.1:15353}, or null for the system's
     * @param smtpPort the port to probe on the instance (25 in production)
     * @return the report
     */
    public static DnsReport check(String hostname, String resolver, int smtpPort) {
        DnsVerifier verifier = DnsVerifier.builder()
                .hostname(hostname)
                .noReplyAddress("noreply@" + hostname)
                .resolver(resolver == null ? ResolverSettings.system()
                        : ResolverSettings.of(resolver).withTimeout(Duration.ofSeconds(2)))
                .probePorts(smtpPort)
                .build();
        DnsReport report = verifier.verify();
        System.out.print(ReportRenderer.text(report.toSection()));    // pass / warning / failure, found, expected, remedy, records to create
        return report;
    }

    /** @param args the host name and, optionally, the resolver */
    public static void main(String[] args) {
        check(args[0], args.length > 1 ? args[1] : null, 25);
    }
}
