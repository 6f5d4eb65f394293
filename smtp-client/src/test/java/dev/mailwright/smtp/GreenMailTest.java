package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.core.smtp.FailureCategory;
import dev.mailwright.core.smtp.FailureClass;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real SMTP and SMTPS (implicit TLS) against GreenMail, with and without AUTH. */
class GreenMailTest {
    private GreenMail greenMail;

    private GreenMail start(String protocol, boolean auth) {
        TestTls.useForGreenMail();
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", protocol));
        if (auth) {
            greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer@ghe.example.com", "mailer", "s3cret"));
        }
        greenMail.start();
        return greenMail;
    }

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static EmailSettings.Builder settings(int port, ConnectionSecurity security) {
        return Fixtures.settings("127.0.0.1", port, security).toBuilder();
    }

    @Test
    void plainSmtp_withoutAuth_deliversAndKeepsTheMessageId() throws Exception {
        int port = start("smtp", false).getSmtp().getPort();
        SmtpTransport transport = SmtpTransport.builder().settings(settings(port, ConnectionSecurity.NONE).build()).build();
        try (NotificationMailer mailer = Fixtures.mailer(transport).build()) {
            SendResult result = mailer.send(Fixtures.pullRequestComment().build());
            assertThat(result).isInstanceOf(SendResult.Sent.class);
            assertThat(result.recipients()).singleElement().satisfies(r -> {
                assertThat(r.accepted()).isTrue();
                assertThat(r.reply().code()).isEqualTo(250);
            });
            assertThat(((SendResult.Sent) result).finalReply().code()).isEqualTo(250);
        }
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo("<octo/hello-world/pull/7/c9001@ghe.example.com>");
        assertThat(received.getSubject()).isEqualTo("Re: [octo/hello-world] Fix the crash on empty settings \u2014 caf\u00e9 \u2713 (#7)");
        assertThat(received.getHeader("In-Reply-To")[0]).isEqualTo("<octo/hello-world/pull/7@ghe.example.com>");
        MimeMultipart alt = (MimeMultipart) received.getContent();
        assertThat(alt.getContentType()).startsWith("multipart/alternative");
        assertThat((String) alt.getBodyPart(0).getContent()).contains("le caf\u00e9 est pr\u00eat");
        assertThat(received.getReplyTo()[0].toString()).contains("reply+p-2002-");
    }

    @Test
    void plainSmtp_withAuthLogin_whenExplicitlyAllowed() throws Exception {
        int port = start("smtp", true).getSmtp().getPort();
        EmailSettings s = settings(port, ConnectionSecurity.NONE).auth(AuthMethod.LOGIN).username("mailer")
                .password(Secret.of("s3cret")).build();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s)
                .dangerouslyAllowPlaintextAuthentication().build()).build()) {
            assertThat(mailer.send(Fixtures.issue().build()).isSent()).isTrue();
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void wrongPassword_isAnAuthenticationFailure_notRetried() {
        int port = start("smtps", true).getSmtps().getPort();
        EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).auth(AuthMethod.PLAIN).username("mailer")
                .password(Secret.of("wrong")).build();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s)
                .trustedCertificates(TestTls.LOCALHOST.trust()).build()).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(r).isInstanceOf(SendResult.Failed.class);
            assertThat(((SendResult.Failed) r).category()).isEqualTo(FailureCategory.AUTHENTICATION);
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(((SendResult.Failed) r).detail()).doesNotContain("wrong");
            // a refused login is said as such, with the server's reply, never "cannot connect"
            assertThat(((SendResult.Failed) r).detail()).startsWith("the server rejected the credentials")
                    .doesNotContain("cannot connect");
            assertThat(((SendResult.Failed) r).failure()).isEqualTo(FailureClass.AUTH_REJECTED);
            assertThat(((SendResult.Failed) r).serverReply()).hasValueSatisfying(reply -> assertThat(reply.code()).isEqualTo(535));
        }
    }

    @Test
    void implicitTls_withoutAuth_verifiesTheTrustedCertificate() {
        int port = start("smtps", false).getSmtps().getPort();
        EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).build();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s)
                .trustedCertificates(TestTls.LOCALHOST.trust()).build()).build()) {
            assertThat(mailer.send(Fixtures.commitComment().build()).isSent()).isTrue();
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    /** The contract with the transcript capture, for implicit TLS: a factory under mail.smtps.socketFactory is used. */
    @Test
    void implicitTls_sessionPropertySocketFactory_isUsedAndStillVerified() {
        int port = start("smtps", false).getSmtps().getPort();
        AtomicInteger made = new AtomicInteger();
        EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).build();
        SmtpTransport transport = SmtpTransport.builder().settings(s).sessionProperties(java.util.Map.of("mail.smtps.socketFactory",
                new StartTlsTest.DelegatingFactory(TestTls.LOCALHOST.trust().socketFactory(), made))).build();
        try (NotificationMailer mailer = Fixtures.mailer(transport).build()) {
            assertThat(mailer.send(Fixtures.issue().build()).isSent()).isTrue();
        }
        assertThat(made).hasValue(1);
    }

    @Test
    void implicitTls_untrustedCertificate_isACertificateFailure() {
        int port = start("smtps", false).getSmtps().getPort();
        EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).build();
        try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s).build()).build()) {
            SendResult r = mailer.send(Fixtures.issue().build());
            assertThat(((SendResult.Failed) r).category()).isEqualTo(FailureCategory.CERTIFICATE);
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void pool_expiresIdleConnections_andRefusesSendsAfterClose() throws Exception {
        int port = start("smtps", true).getSmtps().getPort();
        AtomicInteger connections = new AtomicInteger();
        EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).auth(AuthMethod.XOAUTH2).username("mailer")
                .tokenSupplier(() -> {
                    connections.incrementAndGet();
                    return Secret.of("s3cret");
                }).build();
        SmtpTransport transport = SmtpTransport.builder().settings(s).trustedCertificates(TestTls.LOCALHOST.trust())
                .idleTimeout(java.time.Duration.ofMillis(50)).build();
        NotificationMailer mailer = Fixtures.mailer(transport).retry(RetryPolicy.NONE).build();
        assertThat(mailer.send(Fixtures.issue().build()).isSent()).isTrue();
        assertThat(transport.idleConnections()).isEqualTo(1);
        Thread.sleep(120);
        assertThat(mailer.send(Fixtures.issue().eventId("c2").build()).isSent()).isTrue();
        assertThat(connections).as("the idle connection expired, so a new one was opened").hasValue(2);
        mailer.close();
        assertThat(transport.idleConnections()).isZero();
        SendResult.Failed afterClose = (SendResult.Failed) transport.send(mailer.compose(Fixtures.issue().eventId("c3").build()));
        assertThat(afterClose.detail()).contains("closed");
    }

    @Test
    void trustedCertificates_fromPemFileAndKeyStore() throws Exception {
        int port = start("smtps", false).getSmtps().getPort();
        java.nio.file.Path pem = java.nio.file.Files.createTempFile("trusted-", ".pem");
        try {
            java.nio.file.Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                    "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(TestTls.LOCALHOST.certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
            EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).build();
            for (TrustedCertificates trust : java.util.List.of(TrustedCertificates.fromPem(pem),
                    TrustedCertificates.fromKeyStore(TestTls.LOCALHOST.keyStoreFile, "PKCS12", TestTls.PASSWORD))) {
                try (NotificationMailer mailer = Fixtures.mailer(SmtpTransport.builder().settings(s).trustedCertificates(trust)
                        .build()).build()) {
                    assertThat(mailer.send(Fixtures.issue().build()).isSent()).as("%s", trust).isTrue();
                }
            }
        } finally {
            java.nio.file.Files.deleteIfExists(pem);
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedCertificates.fromPem(java.nio.file.Path.of("/nonexistent.pem")))
                .isInstanceOf(dev.mailwright.core.MailwrightException.class).hasMessageContaining("/nonexistent.pem");
    }

    @Test
    void implicitTls_withXoauth2_callsTheTokenSupplierPerConnection() {
        int port = start("smtps", true).getSmtps().getPort();
        AtomicInteger calls = new AtomicInteger();
        EmailSettings s = settings(port, ConnectionSecurity.IMPLICIT_TLS).auth(AuthMethod.XOAUTH2).username("mailer")
                .tokenSupplier(() -> {
                    calls.incrementAndGet();
                    return Secret.of("s3cret");
                }).build();
        SmtpTransport transport = SmtpTransport.builder().settings(s).trustedCertificates(TestTls.LOCALHOST.trust())
                .maxMessagesPerConnection(2).build();
        try (NotificationMailer mailer = Fixtures.mailer(transport).build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(mailer.send(Fixtures.issue().eventId("c" + i).build()).isSent()).isTrue();
            }
        }
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
        assertThat(calls).hasValue(2);
    }
}
