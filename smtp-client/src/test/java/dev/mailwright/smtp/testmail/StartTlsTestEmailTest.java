package dev.mailwright.smtp.testmail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.smtp.testsupport.SubethaServer;
import dev.mailwright.smtp.testsupport.TestSettings;
import dev.mailwright.smtp.testsupport.TestTls;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The test email through a real STARTTLS server (SubEthaSMTP with our own key store). */
class StartTlsTestEmailTest {
    private final EmailSettingsTester tester = EmailSettingsTester.builder()
            .sslSocketFactory(TestTls.get().trustingClientFactory()).build();

    @Test
    void send_capturesThePlainTextAfterStartTls_inTheSeedsFormat() {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            TestEmailResult r = tester.send(TestSettings.login("localhost", server.port(),
                    ConnectionSecurity.STARTTLS_REQUIRED, TestSettings.PASSWORD).build(), "admin@example.com");

            assertThat(r.delivered()).as(String.valueOf(r)).isTrue();
            assertThat(server.messages()).hasSize(1);
            String text = r.transcript().toText();
            assertThat(text).startsWith("Connection opened: localhost:" + server.port() + "\n-> \"220 localhost ESMTP")
                    .contains("<- \"EHLO ghe.example.com\\r\\n\"\n", "<- \"STARTTLS\\r\\n\"\n-> \"220 ")
                    .contains("TLS connection started\nTLS details: protocol TLSv1.")
                    .contains("<- \"AUTH LOGIN\\r\\n\"", "<- \"[redacted: AUTH LOGIN user name]\\r\\n\"",
                            "<- \"[redacted: AUTH LOGIN password]\\r\\n\"", "-> \"235 ")
                    .contains("<- \"MAIL FROM:<noreply@ghe.example.com>\\r\\n\"", "<- \"RCPT TO:<admin@example.com>\\r\\n\"",
                            "<- \"Subject: Mailwright test email\\r\\n\"", "[body left out: 2 lines", "<- \".\\r\\n\"",
                            "<- \"QUIT\\r\\n\"")
                    .doesNotContain("If you received it");
            int tls = text.indexOf("TLS connection started");
            assertThat(text.indexOf("AUTH LOGIN")).isGreaterThan(tls);
            TranscriptEvent.TlsStarted started = r.transcript().events().stream()
                    .filter(TranscriptEvent.TlsStarted.class::isInstance).map(TranscriptEvent.TlsStarted.class::cast)
                    .findFirst().orElseThrow();
            assertThat(started.peerSubject()).contains("CN=localhost");
            assertThat(started.notAfter()).isEqualTo(TestTls.get().certificate().getNotAfter().toInstant());
            assertThat(r.findings()).extracting(f -> f.code()).containsExactly("smtp.connection.opened", "smtp.tls.started",
                    "smtp.auth.mechanism", "smtp.auth.accepted", "smtp.message.accepted");
        }
    }

    @Test
    void send_keepsTheBodyWhenAsked() {
        EmailSettingsTester keeping = EmailSettingsTester.builder().sslSocketFactory(TestTls.get().trustingClientFactory())
                .transcriptOptions(TranscriptOptions.defaults().withKeepBody(true)).build();
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            TestEmailResult r = keeping.send(TestSettings.login("localhost", server.port(),
                    ConnectionSecurity.STARTTLS_REQUIRED, TestSettings.PASSWORD).build(), "admin@example.com");

            assertThat(r.transcript().toText()).contains("If you received it, outgoing email works.")
                    .doesNotContain("body left out");
        }
    }

    @Test
    void send_refusesACertificateForAnotherHostName_whileCapturing() {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            TestEmailResult r = tester.send(TestSettings.login("127.0.0.1", server.port(),
                    ConnectionSecurity.STARTTLS_REQUIRED, TestSettings.PASSWORD).build(), "admin@example.com");

            assertThat(r.delivered()).isFalse();
            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.CERTIFICATE_HOST_MISMATCH);
            assertThat(r.transcript().toText()).contains("<- \"STARTTLS\\r\\n\"").doesNotContain("AUTH LOGIN");
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void send_reportsAnUntrustedCertificate_withTheJdkTrust() {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            TestEmailResult r = EmailSettingsTester.builder().build().send(TestSettings.login("localhost", server.port(),
                    ConnectionSecurity.STARTTLS_REQUIRED, TestSettings.PASSWORD).build(), "admin@example.com");

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.UNTRUSTED_CERTIFICATE);
        }
    }

    @Test
    void send_reportsRejectedCredentials_afterStartTls() {
        try (SubethaServer server = SubethaServer.start("the-right-one")) {
            TestEmailResult r = tester.send(TestSettings.login("localhost", server.port(),
                    ConnectionSecurity.STARTTLS_REQUIRED, TestSettings.PASSWORD).build(), "admin@example.com");

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.AUTH_REJECTED);
            assertThat(r.findings()).extracting(f -> f.code()).containsExactly("smtp.connection.opened", "smtp.tls.started",
                    "smtp.auth.mechanism", "smtp.auth.rejected");
        }
    }

    @Test
    void send_reportsThatTheServerRequiresStartTls_whenSettingsSayNone() {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD, b -> b.requireTLS())) {
            TestEmailResult r = tester.send(TestSettings.plain("localhost", server.port(), ConnectionSecurity.NONE).build(),
                    "admin@example.com");

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.STARTTLS_REQUIRED_BY_SERVER);
            assertThat(r.findings().get(r.findings().size() - 1).message()).contains("(530)");
        }
    }

    @Test
    void send_reportsATlsProtocolMismatch() {
        try (SubethaServer server = SubethaServer.startWithTlsProtocols(TestSettings.PASSWORD, "TLSv1.2")) {
            EmailSettingsTester onlyTls13 = EmailSettingsTester.builder().sslSocketFactory(TestTls.get().trustingClientFactory())
                    .sessionProperty("mail.smtp.ssl.protocols", "TLSv1.3").build();
            TestEmailResult r = onlyTls13.send(TestSettings.login("localhost", server.port(),
                    ConnectionSecurity.STARTTLS_REQUIRED, TestSettings.PASSWORD).build(), "admin@example.com");

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.TLS_PROTOCOL_MISMATCH);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
