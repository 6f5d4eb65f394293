package dev.mailwright.smtp.testmail;

import static dev.mailwright.core.ConnectionSecurity.IMPLICIT_TLS;
import static dev.mailwright.core.ConnectionSecurity.STARTTLS;
import static dev.mailwright.core.ConnectionSecurity.STARTTLS_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.smtp.testsupport.SubethaServer;
import dev.mailwright.smtp.testsupport.TestSettings;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** The test email against GreenMail: SMTP with authentication, and SMTPS with its self-signed certificate. */
class GreenMailTestEmailTest {
    private static final String TO = "admin@example.com";
    private final EmailSettingsTester tester = EmailSettingsTester.builder().build();

    /** Runs a test email against a fresh GreenMail (SMTP or SMTPS) that knows the user with this password. */
    private static void with(String protocol, String password, BiConsumer<GreenMail, Integer> test) {
        GreenMail g = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol).dynamicPort()).withConfiguration(
                GreenMailConfiguration.aConfig().withUser(SubethaServer.USER, SubethaServer.USER, password));
        g.start();
        try {
            test.accept(g, protocol.equals(ServerSetup.PROTOCOL_SMTPS) ? g.getSmtps().getPort() : g.getSmtp().getPort());
        } finally {
            g.stop();
        }
    }

    @Test
    void delivered_withTheRightPassword() {
        with(ServerSetup.PROTOCOL_SMTP, TestSettings.PASSWORD, (g, port) -> {
            TestEmailResult r = tester.send(TestSettings.login("127.0.0.1", port, STARTTLS, TestSettings.PASSWORD).build(), TO);

            assertThat(r.delivered()).as(String.valueOf(r)).isTrue();
            assertThat(g.getReceivedMessages()).hasSize(1);
            // regression (issue 13): the Message-ID ended in @localhost, the JVM's host name
            assertThat(messageId(g)).matches("<[0-9a-f-]+\\.test-email@" + java.util.regex.Pattern.quote(
                    TestSettings.login("127.0.0.1", port, STARTTLS, TestSettings.PASSWORD).build().hostname().orElseThrow()) + ">")
                    .doesNotContain("localhost");
            assertThat(r.findings()).extracting(f -> f.code()).contains("smtp.auth.unencrypted", "smtp.auth.accepted");
        });
    }

    private static String messageId(GreenMail g) {
        try {
            return g.getReceivedMessages()[0].getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void wrongPassword_isAuthRejected() {
        with(ServerSetup.PROTOCOL_SMTP, "the-right-one", (g, port) -> {
            TestEmailResult r = tester.send(TestSettings.login("127.0.0.1", port, STARTTLS, TestSettings.PASSWORD).build(), TO);

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.AUTH_REJECTED);
            assertThat(r.transcript().toText()).contains("-> \"535");
        });
    }

    @Test
    void selfSignedCertificate_isUntrusted_overImplicitTls() {
        with(ServerSetup.PROTOCOL_SMTPS, TestSettings.PASSWORD, (g, port) -> {
            TestEmailResult r = tester.send(TestSettings.login("127.0.0.1", port, IMPLICIT_TLS, TestSettings.PASSWORD).build(), TO);

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.UNTRUSTED_CERTIFICATE);
            assertThat(r.transcript().toText()).startsWith("Connection opened: 127.0.0.1:" + port);
        });
    }

    @Test
    void plainSmtpSpokenToAnImplicitTlsPort_isFoundByTheTlsProbe() {
        with(ServerSetup.PROTOCOL_SMTPS, TestSettings.PASSWORD, (g, port) -> {
            TestEmailResult r = tester.send(TestSettings.login("127.0.0.1", port, STARTTLS_REQUIRED, TestSettings.PASSWORD)
                    .readTimeout(Duration.ofMillis(700)).build(), TO);

            assertThat(r.failure()).as(String.valueOf(r)).contains(FailureClass.PLAIN_TO_IMPLICIT_TLS_PORT);
            assertThat(r.transcript().toText()).contains("TLS probe: the port answered a TLS handshake");
        });
    }
}
