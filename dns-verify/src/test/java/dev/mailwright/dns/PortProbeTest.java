package dev.mailwright.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Finding;
import dev.mailwright.core.Severity;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.testing.Peers;
import dev.mailwright.dns.testing.SilentServers;
import dev.mailwright.dns.testing.SmtpSink;
import dev.mailwright.dns.testing.StartTlsResponder;
import dev.mailwright.dns.testing.TestPki;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SMTP port probe against Postfix's smtp-sink, closed and silent ports, and STARTTLS servers with good and bad certificates. */
@Timeout(30)
class PortProbeTest {
    private static final TestPki PKI = new TestPki();
    private final PortProbe probe = PortProbe.builder().timeout(Duration.ofMillis(700)).trustStore(PKI.trustStore())
            .heloName("probe.example.test").build();

    @Test
    void smtpSink_answersWithoutStartTls() {
        int port = Peers.freePort();
        try (Peers.PeerProcess sink = SmtpSink.start(port)) {
            ProbeResult r = probe.probe("127.0.0.1", port, "reply.example.test");
            assertThat(r).isInstanceOf(ProbeResult.Answered.class);
            ProbeResult.Answered a = (ProbeResult.Answered) r;
            assertThat(a.greetingCode()).isEqualTo(220);
            assertThat(a.startTlsOffered()).isFalse();
            assertThat(a.tls()).isInstanceOf(ProbeResult.NotStarted.class);
            assertThat(lines(a.transcript())).contains("Connection opened: 127.0.0.1:" + port, "<- \"EHLO probe.example.test\\r\\n\"");
            assertThat(lines(a.transcript())).anyMatch(l -> l.startsWith("-> \"220 "));
            List<Finding> f = r.findings();
            assertThat(f).extracting(Finding::severity).containsExactly(Severity.PASS, Severity.WARNING);
            assertThat(f.get(1).code()).isEqualTo("dns.port." + port + ".starttls.missing");
            assertThat(f.get(1).remedy()).contains("reply.example.test");
            assertThat(r.findings(true).get(1).severity()).isEqualTo(Severity.FAILURE);
        }
    }

    @Test
    void closedPort_isReportedAsFirewallOrSecurityGroup() {
        int port = Peers.freePort();
        ProbeResult r = probe.probe("127.0.0.1", port, "reply.example.test");
        assertThat(r).isInstanceOf(ProbeResult.Unreachable.class);
        assertThat(((ProbeResult.Unreachable) r).failure()).isEqualTo(FailureClass.CONNECTION_REFUSED);
        Finding f = r.findings().get(0);
        assertThat(f.severity()).isEqualTo(Severity.FAILURE);
        assertThat(f.message()).contains("refused");
        assertThat(f.remedy()).contains("firewall or security group", "AWS security group", "port " + port,
                "reply@reply.example.test");
    }

    @Test
    void silentPort_timesOutAndIsReportedAsFirewall() throws Exception {
        try (ServerSocket silent = SilentServers.silentPort()) {
            ProbeResult r = probe.probe("127.0.0.1", silent.getLocalPort(), "reply.example.test");
            assertThat(r).isInstanceOf(ProbeResult.Unreachable.class);
            assertThat(((ProbeResult.Unreachable) r).failure()).isEqualTo(FailureClass.BANNER_TIMEOUT);
            Finding f = r.findings().get(0);
            assertThat(f.severity()).isEqualTo(Severity.FAILURE);
            assertThat(f.message()).contains("sent no greeting");
            assertThat(f.remedy()).contains("firewall or security group");
        }
    }

    @Test
    void startTls_withCertificateValidForTheName_passes() throws Exception {
        try (StartTlsResponder server = new StartTlsResponder(PKI.serverContext("reply.example.test"), false)) {
            ProbeResult r = probe.probe("127.0.0.1", server.port(), "reply.example.test");
            ProbeResult.Answered a = (ProbeResult.Answered) r;
            assertThat(a.startTlsOffered()).isTrue();
            assertThat(a.tls()).isInstanceOf(ProbeResult.Verified.class);
            assertThat(((ProbeResult.Verified) a.tls()).certificateNames()).containsExactly("reply.example.test");
            assertThat(lines(a.transcript())).contains("<- \"STARTTLS\\r\\n\"", "-> \"220 2.0.0 Ready to start TLS\\r\\n\"");
            assertThat(lines(a.transcript())).anyMatch(l -> l.startsWith("TLS connection started"));
            assertThat(r.findings()).extracting(Finding::severity).containsOnly(Severity.PASS);
        }
    }

    @Test
    void startTls_withCertificateForAnotherName_isANameMismatch() throws Exception {
        try (StartTlsResponder server = new StartTlsResponder(PKI.serverContext("other.test"), false)) {
            ProbeResult r = probe.probe("127.0.0.1", server.port(), "reply.example.test");
            ProbeResult.Failed tls = (ProbeResult.Failed) ((ProbeResult.Answered) r).tls();
            assertThat(tls.problem()).isEqualTo(ProbeResult.TlsProblem.NAME_MISMATCH);
            assertThat(tls.certificateNames()).containsExactly("other.test");
            Finding f = r.findings().get(1);
            assertThat(f.code()).endsWith(".tls.name");
            assertThat(f.message()).contains("not valid for reply.example.test", "other.test");
            assertThat(f.remedy()).contains("reply.example.test");
        }
    }

    @Test
    void startTls_withUntrustedCertificate_isUntrusted() throws Exception {
        PortProbe jvmTrust = PortProbe.builder().timeout(Duration.ofMillis(700)).build();
        try (StartTlsResponder server = new StartTlsResponder(PKI.serverContext("reply.example.test"), false)) {
            ProbeResult r = jvmTrust.probe("127.0.0.1", server.port(), "reply.example.test");
            ProbeResult.Failed tls = (ProbeResult.Failed) ((ProbeResult.Answered) r).tls();
            assertThat(tls.problem()).isEqualTo(ProbeResult.TlsProblem.UNTRUSTED);
            assertThat(r.findings().get(1).code()).endsWith(".tls.untrusted");
        }
    }

    @Test
    void implicitTls_verifiesTheCertificateBeforeTheGreeting() throws Exception {
        try (StartTlsResponder server = new StartTlsResponder(PKI.serverContext("reply.example.test"), true)) {
            ProbeResult r = probe.probe("127.0.0.1", server.port(), "reply.example.test", TlsMode.IMPLICIT);
            ProbeResult.Answered a = (ProbeResult.Answered) r;
            assertThat(a.tls()).isInstanceOf(ProbeResult.Verified.class);
            assertThat(a.greetingCode()).isEqualTo(220);
            assertThat(r.findings()).extracting(Finding::severity).containsOnly(Severity.PASS);
        }
        try (StartTlsResponder server = new StartTlsResponder(PKI.serverContext("other.test"), true)) {
            ProbeResult r = probe.probe("127.0.0.1", server.port(), "reply.example.test", TlsMode.IMPLICIT);
            assertThat(((ProbeResult.Answered) r).tls()).isInstanceOf(ProbeResult.Failed.class);
            assertThat(r.findings()).extracting(Finding::severity).containsExactly(Severity.FAILURE);
        }
    }

    @Test
    void builder_rejectsBadValuesWithTheValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PortProbe.builder().timeout(Duration.ZERO))
                .hasMessageContaining("PT0S");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe.probe("127.0.0.1", 70000, "reply.example.test"))
                .hasMessageContaining("70000");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe.probe("127.0.0.1", 25, "not a name"))
                .hasMessageContaining("not a name");
    }

    /** The transcript's lines, as its text form has them. */
    private static List<String> lines(Transcript t) {
        return List.of(t.toText().split("\n"));
    }
}
