package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmailSettingsTest {

    /** @return valid settings to derive from: each property may be changed once (toBuilder) */
    static EmailSettings.Builder valid() {
        return withoutPassword().password(Secret.of("s3cret-Passw0rd")).build().toBuilder();
    }

    /** @return the same settings without a password (a builder never takes null to clear one) */
    static EmailSettings.Builder withoutPassword() {
        return EmailSettings.builder()
                .smtpHost("smtp.example.com")
                .port(587)
                .heloDomain("ghe.example.com")
                .auth(AuthMethod.LOGIN)
                .username("notifications@example.com")
                .noReplyAddress("noreply@ghe.example.com")
                .supportContact(SupportContact.url("https://support.example.com"))
                .hostname("ghe.example.com")
                .build().toBuilder();
    }

    @Test
    void defaults_areSafe() {
        EmailSettings s = EmailSettings.builder().build();
        assertThat(s.enabled()).isTrue();
        assertThat(s.port()).isEqualTo(587);
        assertThat(s.security()).isEqualTo(ConnectionSecurity.STARTTLS_REQUIRED);
        assertThat(s.auth()).isEqualTo(AuthMethod.NONE);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.readTimeout()).isPositive();
        assertThat(s.writeTimeout()).isPositive();
        assertThat(s.discardNoReplyMail()).isFalse();
        assertThat(s.enforceTlsForIncoming()).isFalse();
    }

    @Test
    void validSettings_haveNoProblem() {
        EmailSettings s = valid().build();
        assertThat(s.validate().problems()).isEmpty();
        assertThat(s.requireValid()).isSameAs(s);
        assertThat(s.replyDomain()).isEqualTo("reply.ghe.example.com");
        assertThat(s.noReplyDomain()).isEqualTo("noreply.ghe.example.com");
    }

    @Test
    void validate_reportsEveryProblemAtOnce_withPathCodeAndValue() {
        EmailSettings s = EmailSettings.builder()
                .smtpHost("smtp example com")
                .port(70000)
                .heloDomain("-bad-")
                .security(ConnectionSecurity.NONE)
                .auth(AuthMethod.PLAIN)
                .noReplyAddress("Jane <noreply@example.com>")
                .supportContact(SupportContact.url("ftp://support.example.com"))
                .hostname("under_score.example.com")
                .connectTimeout(Duration.ZERO)
                .build();
        List<ValidationProblem> problems = s.validate().problems();
        assertThat(problems).extracting(ValidationProblem::code).containsExactlyInAnyOrder(
                "smtp.host.invalid", "smtp.port.out-of-range", "smtp.helo-domain.invalid",
                "smtp.username.missing", "smtp.password.missing", "smtp.auth.password-unencrypted",
                "noreply-address.invalid", "support.url.scheme", "hostname.invalid",
                "smtp.connect-timeout.not-positive");
        assertThat(problems).filteredOn(p -> p.code().equals("smtp.port.out-of-range"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("smtp.port");
                    assertThat(p.message()).contains("70000").contains("1 to 65535");
                });
        assertThat(problems).filteredOn(p -> p.path().equals("noreply-address")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'Jane <noreply@example.com>'"));
        assertThat(problems).filteredOn(p -> p.path().equals("support.url")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("ftp://support.example.com").contains("http://"));
    }

    @Test
    void validate_requiredFieldsWhenEnabled() {
        assertThat(EmailSettings.builder().build().validate().problems()).extracting(ValidationProblem::code)
                .containsExactlyInAnyOrder("smtp.host.missing", "noreply-address.missing", "hostname.missing");
        assertThat(EmailSettings.builder().enabled(false).build().validate().isValid()).isTrue();
    }

    @Test
    void xoauth2_overUnencryptedConnection_isRefused() {
        EmailSettings s = withoutPassword().auth(AuthMethod.XOAUTH2).security(ConnectionSecurity.STARTTLS)
                .tokenSupplier(() -> Secret.of("token")).build();
        assertThat(s.validate().problems()).extracting(ValidationProblem::code).containsExactly("smtp.auth.xoauth2-unencrypted");
        EmailSettings noToken = withoutPassword().auth(AuthMethod.XOAUTH2).build();
        assertThat(noToken.validate().problems()).extracting(ValidationProblem::code).containsExactly("smtp.token.missing");
        EmailSettings ok = withoutPassword().auth(AuthMethod.XOAUTH2).tokenSupplier(() -> Secret.of("t")).build();
        assertThat(ok.validate().isValid()).isTrue();
        assertThat(ok.tokenSupplier().orElseThrow().get().reveal()).isEqualTo("t");
    }

    @Test
    void portAndSecurityMismatches_areReported() {
        assertThat(valid().security(ConnectionSecurity.IMPLICIT_TLS).build().validate().problems())
                .extracting(ValidationProblem::code).containsExactly("smtp.security.implicit-tls-on-587");
        assertThat(valid().port(465).build().validate().problems())
                .extracting(ValidationProblem::code).containsExactly("smtp.security.plain-on-465");
        assertThat(valid().port(465).security(ConnectionSecurity.IMPLICIT_TLS).build().validate().isValid()).isTrue();
    }

    @Test
    void supportEmail_isValidatedAsAnAddress() {
        assertThat(valid().supportContact(SupportContact.email("help@example.com")).build().validate().isValid()).isTrue();
        assertThat(valid().supportContact(SupportContact.email("help at example")).build().validate().problems())
                .extracting(ValidationProblem::code).containsExactly("support.email.invalid");
    }

    @Test
    void timeouts_mustBeFinite() {
        assertThat(valid().readTimeout(Duration.ofHours(2)).build().validate().problems())
                .extracting(ValidationProblem::code).containsExactly("smtp.read-timeout.too-long");
        assertThat(valid().writeTimeout(Duration.ofSeconds(-1)).build().validate().problems())
                .extracting(ValidationProblem::code).containsExactly("smtp.write-timeout.not-positive");
    }

    @Test
    void requireValid_throwsWithEveryProblem() {
        assertThatThrownBy(() -> EmailSettings.builder().build().requireValid())
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("3 problem(s)").hasMessageContaining("smtp.host:").hasMessageContaining("hostname:")
                .satisfies(e -> assertThat(((InvalidSettingsException) e).result().problems()).hasSize(3));
    }

    @Test
    void headerInjection_inAddressIsRefusedAndShownEscaped() {
        EmailSettings s = valid().noReplyAddress("noreply@example.com\r\nBcc: victim@example.com").build();
        assertThat(s.validate().problems()).singleElement().satisfies(p -> {
            assertThat(p.code()).isEqualTo("noreply-address.invalid");
            assertThat(p.message()).contains("\\r\\n").doesNotContain("\r");
        });
    }

    @Test
    void toString_neverShowsTheSecret() {
        EmailSettings s = valid().build();
        assertThat(s.toString()).doesNotContain("s3cret-Passw0rd").contains("password=******");
        assertThat(s.password().orElseThrow().toString()).isEqualTo("******");
        assertThat(s.validate().toString()).doesNotContain("s3cret-Passw0rd");
    }

    @Test
    void toBuilder_copiesEveryField() {
        EmailSettings s = valid().enforceTlsForIncoming(true).discardNoReplyMail(true).build();
        EmailSettings copy = s.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(s.toString());
        assertThat(copy.password()).isEqualTo(s.password());
    }
}
