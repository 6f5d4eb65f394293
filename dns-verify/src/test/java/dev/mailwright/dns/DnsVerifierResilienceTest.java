package dev.mailwright.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.dns.testing.KnotServer;
import dev.mailwright.dns.testing.SilentServers;
import dev.mailwright.dns.testing.SmtpSink;
import dev.mailwright.dns.testing.TestZones;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A resolver that never answers, a silent port, DNSSEC validation of a zone Knot signs, and the
 * port checks inside a full report.
 */
@Timeout(60)
class DnsVerifierResilienceTest {
    private static KnotServer knot;

    @BeforeAll
    static void startKnot() {
        Map<String, String> zones = KnotServer.zones();
        zones.put("good.test", TestZones.variant("good.test", l -> l));
        zones.put("signed.test", TestZones.variant("signed.test", l -> l));
        zones.put("0.0.127.in-addr.arpa", TestZones.reverse("good.test"));
        knot = KnotServer.start(zones, Set.of("signed.test"));
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    private static DnsVerifier.Builder builder(String zone, String resolver) {
        return builder(zone, resolver, new int[0]);
    }

    /** @return the builder probing these ports (a builder's ports are set once) */
    private static DnsVerifier.Builder builder(String zone, String resolver, int... ports) {
        return DnsVerifier.builder().hostname(zone).noReplyAddress("noreply@" + zone).smtpServer("smtp." + zone)
                .dkimSelectors("s1").probePorts(ports).resolver(ResolverSettings.of(resolver).withTimeout(Duration.ofMillis(500)));
    }

    @Test
    void deadResolver_reportsEveryCheckAsUnansweredWithinAboutOneTimeout() throws Exception {
        try (SilentServers.DeadResolver dead = new SilentServers.DeadResolver()) {
            DnsReport report = builder("good.test", dead.address()).build().verify();
            assertThat(report.hasFailures()).isTrue();
            Finding reply = report.findings("dns.reply.address").get(0);
            assertThat(reply.severity()).isEqualTo(Severity.FAILURE);
            assertThat(reply.message()).contains("no answer from the DNS server " + dead.address() + " within 500 ms");
            assertThat(reply.remedy()).contains("--resolver");
            assertThat(report.findings()).extracting(Finding::code).contains("dns.reply.mx", "dns.noreply.mx",
                    "dns.spf", "dns.dmarc", "dns.dkim", "dns.mta-sts", "dns.tls-rpt");
            assertThat(report.findings("dns.dnssec").get(0).message()).contains("could not look up the SOA record of");
            // one timeout for the parallel first wave; later questions fail at once
            assertThat(report.elapsed()).isLessThan(Duration.ofMillis(500 * 3));
        }
    }

    @Test
    void deadFirstResolver_failsOverToTheSecond() throws Exception {
        try (SilentServers.DeadResolver dead = new SilentServers.DeadResolver()) {
            DnsReport report = DnsVerifier.builder().hostname("good.test").noReplyAddress("noreply@good.test")
                    .smtpServer("smtp.good.test").dkimSelectors("s1").probePorts()
                    .resolver(ResolverSettings.of(dead.address(), knot.address()).withTimeout(Duration.ofMillis(300)))
                    .build().verify();
            assertThat(report.hasFailures()).as(String.valueOf(report)).isFalse();
            assertThat(report.findings("dns.reply.mx").get(0).severity()).isEqualTo(Severity.PASS);
            // the silent server is skipped after its first timeout, not paid again for each dependent question
            assertThat(report.elapsed()).isLessThan(Duration.ofMillis(300 * 3));
        }
    }

    @Test
    void silentPortAndDeadResolverTogether_stillFinish() throws Exception {
        try (SilentServers.DeadResolver dead = new SilentServers.DeadResolver();
                ServerSocket silent = SilentServers.silentPort()) {
            DnsReport report = builder("good.test", dead.address()).instanceAddresses("127.0.0.1")
                    .probePort(silent.getLocalPort(), TlsMode.STARTTLS)
                    .portProbe(PortProbe.builder().timeout(Duration.ofMillis(500)).build()).build().verify();
            Finding port = report.findings("dns.port." + silent.getLocalPort() + ".unreachable").get(0);
            assertThat(port.message()).contains("sent no greeting");
            assertThat(port.remedy()).contains("firewall or security group");
            assertThat(report.elapsed()).isLessThan(Duration.ofMillis(500 * 3));
        }
    }

    @Test
    void fullReport_probesThePortOfTheInstanceWithSmtpSink() {
        int port = Peers.freePort();
        try (Peers.PeerProcess sink = SmtpSink.start(port)) {
            DnsReport report = builder("good.test", knot.address(), port).build().verify();
            assertThat(report.findings("dns.port." + port + ".open")).singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("127.0.0.1:" + port, "220"));
            assertThat(report.findings("dns.port." + port + ".starttls.missing")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
            assertThat(report.hasFailures()).isFalse();
        }
    }

    @Test
    void closedPort_inTheFullReport_isAFailureWithTheSeedsRemedy() {
        int port = Peers.freePort();
        DnsReport report = builder("good.test", knot.address(), port).build().verify();
        Finding f = report.findings("dns.port." + port + ".unreachable").get(0);
        assertThat(f.severity()).isEqualTo(Severity.FAILURE);
        assertThat(f.remedy()).contains("firewall or security group", "reply@reply.good.test");
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void signedZone_validatesAgainstItsKsk() {
        DnsReport report = builder("signed.test", knot.address()).build().verify();
        Finding f = report.findings("dns.dnssec").get(0);
        assertThat(f.severity()).as(String.valueOf(report)).isEqualTo(Severity.PASS);
        assertThat(f.message()).contains("signed.test is signed and its answers validate", "reply.signed.test MX");
        assertThat(f.evidence()).anyMatch(l -> l.contains("DNSKEY 257 3 13"));
    }

    @Test
    void signedZone_withExpiredSignatures_failsValidation() {
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(60)), ZoneOffset.UTC);
        DnsReport report = builder("signed.test", knot.address()).clock(later).build().verify();
        Finding f = report.findings("dns.dnssec").get(0);
        assertThat(f.severity()).as(String.valueOf(report)).isEqualTo(Severity.FAILURE);
        assertThat(f.message()).contains("DNSSEC validation of", "failed");
        assertThat(f.remedy()).contains("Re-sign the zone signed.test");
    }

    @Test
    void diagnosticsContributor_runsTheChecksForTheSettings() {
        dev.mailwright.core.EmailSettings settings = dev.mailwright.core.EmailSettings.builder().hostname("good.test")
                .noReplyAddress("noreply@good.test").smtpHost("smtp.good.test").build();
        dev.mailwright.core.DiagnosticsSection section = DnsDiagnostics.contributor(
                ResolverSettings.of(knot.address()), PortProbe.builder().timeout(Duration.ofMillis(500)).build())
                .contribute(settings);
        assertThat(section.name()).isEqualTo("dns");
        assertThat(section.facts()).containsEntry("hostname", "good.test");
        assertThat(section.findings()).extracting(Finding::code).contains("dns.reply.address", "dns.spf.smtp")
                .anyMatch(code -> code.startsWith("dns.port.25."));
        assertThat(section.findings()).filteredOn(f -> f.code().equals("dns.spf.smtp")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.PASS));
    }

    @Test
    void unsignedZone_isReportedAsNotSigned() {
        DnsReport report = builder("good.test", knot.address()).build().verify();
        assertThat(report.findings("dns.dnssec").get(0).severity()).isEqualTo(Severity.INFO);
    }
}
