package dev.mailwright.smtp.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.testsupport.SubethaServer;
import dev.mailwright.smtp.testsupport.TestSettings;
import dev.mailwright.smtp.testsupport.TestTls;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The capture installed purely through Angus Mail session properties, as another transport would. */
class TranscriptCaptureTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private static Properties startTls(TranscriptCapture capture, boolean checkIdentity) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.starttls.enable", "true");
        p.setProperty("mail.smtp.starttls.required", "true");
        p.setProperty("mail.smtp.ssl.checkserveridentity", String.valueOf(checkIdentity));
        p.setProperty("mail.smtp.timeout", "3000");
        p.setProperty("mail.smtp.connectiontimeout", "3000");
        p.putAll(capture.sessionProperties());
        return p;
    }

    private static void send(Properties p, String host, int port) throws MessagingException {
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("noreply@ghe.example.com"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("admin@example.com"));
        m.setSubject("capture");
        m.setText("hello");
        try (Transport t = session.getTransport("smtp")) {
            t.connect(host, port, null, null);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    private static TranscriptCapture capture() {
        return TranscriptCapture.builder().clock(FIXED).sslSocketFactory(TestTls.get().trustingClientFactory()).build();
    }

    @Test
    void sessionPropertiesAlone_recordPlainTextAfterStartTls_perConnection() throws MessagingException {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            TranscriptCapture capture = capture();
            Properties p = startTls(capture, true);
            send(p, "localhost", server.port());
            send(p, "localhost", server.port());

            assertThat(capture.transcripts()).hasSize(2);
            Transcript first = capture.transcripts().get(0);
            assertThat(first.events().get(0)).isEqualTo(
                    new TranscriptEvent.Connected(FIXED.instant(), "localhost", server.port(), "127.0.0.1"));
            assertThat(first.toText()).contains("TLS connection started\n", "<- \"MAIL FROM:<noreply@ghe.example.com>\\r\\n\"",
                    "<- \"QUIT\\r\\n\"", "Connection closed\n");
            assertThat(capture.transcript().events()).hasSize(first.events().size() + capture.transcripts().get(1).events().size());
        }
    }

    @Test
    void capturing_keepsAngusServerIdentityCheck_aCertificateForAnotherHostIsRefused() {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            TranscriptCapture capture = capture();

            assertThatThrownBy(() -> send(startTls(capture, true), "127.0.0.1", server.port()))
                    .isInstanceOf(MessagingException.class).hasRootCauseInstanceOf(java.security.cert.CertificateException.class)
                    .hasCauseInstanceOf(SSLHandshakeException.class);
            assertThat(capture.transcript().toText()).contains("<- \"STARTTLS\\r\\n\"", "Error (tls): javax.net.ssl.SSLHandshakeException")
                    .doesNotContain("MAIL FROM");
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void control_withoutTheIdentityCheck_theSameCertificateIsAccepted() throws MessagingException {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD)) {
            TranscriptCapture capture = capture();
            send(startTls(capture, false), "127.0.0.1", server.port());

            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void xoauth2_tokenIsRedactedInALiveExchange() throws MessagingException {
        String token = "ya29.live-token-that-must-not-leak";
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(SubethaServer.USER, SubethaServer.USER, token));
        g.start();
        try {
            TranscriptCapture capture = capture();
            Properties p = new Properties();
            p.setProperty("mail.smtp.auth", "true");
            p.setProperty("mail.smtp.auth.mechanisms", "XOAUTH2");
            p.putAll(capture.sessionProperties());
            try (Transport t = Session.getInstance(p).getTransport("smtp")) {
                t.connect("127.0.0.1", g.getSmtp().getPort(), SubethaServer.USER, token);
            }

            String text = capture.transcript().toText();
            assertThat(text).contains("<- \"AUTH XOAUTH2 [redacted: AUTH XOAUTH2 token]\\r\\n\"").doesNotContain(token)
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(("user=" + SubethaServer.USER + "\u0001auth=Bearer "
                            + token + "\u0001\u0001").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } finally {
            g.stop();
        }
    }

    @Test
    void implicitTls_isRecordedFromTheFirstServerLine() {
        try (SubethaServer server = SubethaServer.start(TestSettings.PASSWORD,
                b -> b.serverSocketFactory(TestTls.get().serverContext()).enableTLS(false))) {
            TestEmailResult r = EmailSettingsTester.builder().sslSocketFactory(TestTls.get().trustingClientFactory()).build()
                    .send(TestSettings.login("localhost", server.port(), ConnectionSecurity.IMPLICIT_TLS, TestSettings.PASSWORD).build(),
                            "admin@example.com");

            assertThat(r.delivered()).as(String.valueOf(r)).isTrue();
            assertThat(r.transcript().toText()).startsWith("Connection opened: localhost:" + server.port()
                    + "\nTLS connection started\nTLS details: protocol TLSv1.3");
            assertThat(r.transcript().toText()).contains("\n-> \"220 localhost ESMTP");
        }
    }
}
