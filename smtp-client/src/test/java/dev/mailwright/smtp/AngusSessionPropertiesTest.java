package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.smtp.internal.AngusSessionProperties;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AngusSessionPropertiesTest {

    private static EmailSettings.Builder base() {
        return EmailSettings.builder().smtpHost("smtp.example.com").port(587).heloDomain("ghe.example.com")
                .noReplyAddress("noreply@ghe.example.com").hostname("ghe.example.com")
                .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(20)).writeTimeout(Duration.ofSeconds(25))
                .build().toBuilder();
    }

    @Test
    void starttlsRequired_failsClosedWithFiniteTimeoutsAndHeloName() {
        Properties p = AngusSessionProperties.of(base().build(), null);
        assertThat(AngusSessionProperties.protocol(base().build())).isEqualTo("smtp");
        assertThat(p).containsEntry("mail.smtp.host", "smtp.example.com").containsEntry("mail.smtp.port", "587")
                .containsEntry("mail.smtp.localhost", "ghe.example.com")
                .containsEntry("mail.smtp.connectiontimeout", "5000").containsEntry("mail.smtp.timeout", "20000")
                .containsEntry("mail.smtp.writetimeout", "25000")
                .containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true").containsEntry("mail.smtp.auth", "false");
    }

    @Test
    void implicitTls_usesSmtpsKeysAndXoauth2IsEnabledExplicitly() {
        EmailSettings s = base().port(465).security(ConnectionSecurity.IMPLICIT_TLS).auth(AuthMethod.XOAUTH2).username("u")
                .password(Secret.of("token")).build();
        Properties p = AngusSessionProperties.of(s, null);
        assertThat(AngusSessionProperties.protocol(s)).isEqualTo("smtps");
        assertThat(p).containsEntry("mail.smtps.ssl.enable", "true").containsEntry("mail.smtps.auth", "true")
                .containsEntry("mail.smtps.auth.mechanisms", "XOAUTH2").containsEntry("mail.smtps.auth.xoauth2.disable", "false")
                .containsEntry("mail.transport.protocol", "smtps");
        assertThat(p.toString()).doesNotContain("token");
    }

    @Test
    void opportunisticAndNone_areExplicit() {
        assertThat(AngusSessionProperties.of(base().security(ConnectionSecurity.STARTTLS).build(), null))
                .containsEntry("mail.smtp.starttls.required", "false");
        assertThat(AngusSessionProperties.of(base().security(ConnectionSecurity.NONE).auth(AuthMethod.LOGIN).build(), null))
                .containsEntry("mail.smtp.starttls.enable", "false").containsEntry("mail.smtp.auth.mechanisms", "LOGIN");
    }

    @Test
    void trustedCertificates_becomeTheSslSocketFactory() {
        TrustedCertificates trust = TestTls.LOCALHOST.trust();
        Properties p = AngusSessionProperties.of(base().build(), trust);
        assertThat(p.get("mail.smtp.ssl.socketFactory")).isSameAs(trust.socketFactory());
        assertThat(p).containsEntry("mail.smtp.ssl.socketFactory.fallback", "false");
    }
}
