package dev.mailwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Finding;
import dev.mailwright.core.KeyRing;
import dev.mailwright.core.Severity;
import dev.mailwright.dns.PortProbe;
import dev.mailwright.dns.ProbeResult;
import dev.mailwright.dns.testing.TestPki;
import dev.mailwright.inbound.InboundListener;
import dev.mailwright.inbound.TlsCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DNS report's port probe against Mailwright's own inbound listener (it lives here because
 * dns-verify and inbound may not depend on each other; the CLI depends on both).
 */
class PortProbeAgainstListenerTest {
    @TempDir
    Path maildir;

    private InboundListener listener(TlsCredentials tls, boolean enforce) {
        return InboundListener.builder().hostname("ghe.example.com")
                .keyRing(KeyRing.of(HexFormat.of().parseHex(KeyRing.generateHexKey())))
                .maildir(maildir).bindAddress("127.0.0.1").port(0).tls(tls).enforceTls(enforce).build().start();
    }

    @Test
    void probe_findsStartTlsAndACertificateValidForReplyHostname() {
        TestPki pki = new TestPki();
        try (InboundListener listener = listener(TlsCredentials.of(pki.serverContext("reply.ghe.example.com")), true)) {
            ProbeResult result = PortProbe.builder().trustStore(pki.trustStore()).timeout(Duration.ofSeconds(5)).build()
                    .probe("127.0.0.1", listener.port(), "reply.ghe.example.com");
            assertThat(result).isInstanceOf(ProbeResult.Answered.class);
            assertThat(result.findings()).extracting(Finding::severity).doesNotContain(Severity.FAILURE, Severity.WARNING);
            assertThat(result.findings()).extracting(Finding::message)
                    .anySatisfy(m -> assertThat(m).contains("reply.ghe.example.com"));
        }
    }

    @Test
    void probe_refusesTheListenersCertificateForAnotherName() {
        TestPki pki = new TestPki();
        try (InboundListener listener = listener(TlsCredentials.of(pki.serverContext("other.example.org")), false)) {
            ProbeResult result = PortProbe.builder().trustStore(pki.trustStore()).timeout(Duration.ofSeconds(5)).build()
                    .probe("127.0.0.1", listener.port(), "reply.ghe.example.com");
            // Opportunistic STARTTLS with the wrong name is a warning (a failure where TLS is required).
            assertThat(result.findings()).filteredOn(f -> f.code().endsWith(".tls.name")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.WARNING);
                        assertThat(f.message()).contains("not valid for reply.ghe.example.com").contains("other.example.org");
                        assertThat(f.remedy()).contains("reply.ghe.example.com");
                    });
        }
    }

    @Test
    void probe_reportsAClosedListenerAsFirewall() {
        int port;
        TestPki pki = new TestPki();
        try (InboundListener listener = listener(TlsCredentials.of(pki.serverContext("reply.ghe.example.com")), false)) {
            port = listener.port();
        }
        ProbeResult result = PortProbe.builder().timeout(Duration.ofSeconds(2)).build()
                .probe("127.0.0.1", port, "reply.ghe.example.com");
        assertThat(result).isInstanceOf(ProbeResult.Unreachable.class);
        assertThat(result.findings()).anySatisfy(f -> assertThat(f.remedy()).contains("firewall"));
    }
}
