package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void fromFile_readsEveryKey() throws Exception {
        Path file = dir.resolve("mail.properties");
        Files.writeString(file, String.join("\n",
                "mailwright.enabled=true",
                "mailwright.smtp.host=smtp.example.com",
                "mailwright.smtp.port=465",
                "mailwright.smtp.helo-domain=ghe.example.com",
                "mailwright.smtp.security=implicit-tls",
                "mailwright.smtp.auth=PLAIN",
                "mailwright.smtp.username=bot",
                "mailwright.smtp.password=pa ss",
                "mailwright.smtp.connect-timeout=500ms",
                "mailwright.smtp.read-timeout=20s",
                "mailwright.smtp.write-timeout=PT15S",
                "mailwright.noreply-address=noreply@ghe.example.com",
                "mailwright.discard-noreply-mail=yes",
                "mailwright.support.email=help@example.com",
                "mailwright.hostname=ghe.example.com",
                "mailwright.inbound.enforce-tls=true",
                "other.key=ignored"));
        EmailSettings s = SettingsLoader.fromFile(file);
        assertThat(s.validate().problems()).isEmpty();
        assertThat(s.port()).isEqualTo(465);
        assertThat(s.security()).isEqualTo(ConnectionSecurity.IMPLICIT_TLS);
        assertThat(s.auth()).isEqualTo(AuthMethod.PLAIN);
        assertThat(s.password().orElseThrow().reveal()).isEqualTo("pa ss");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.writeTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.discardNoReplyMail()).isTrue();
        assertThat(s.supportContact()).contains(SupportContact.email("help@example.com"));
        assertThat(s.enforceTlsForIncoming()).isTrue();
    }

    @Test
    void conversionProblemsAndUnknownKeys_areReportedWithTheOthers() {
        Properties p = new Properties();
        p.setProperty("mailwright.smtp.host", "smtp.example.com");
        p.setProperty("mailwright.smtp.port", "five-eight-seven");
        p.setProperty("mailwright.smtp.security", "tls-please");
        p.setProperty("mailwright.smtp.read-timeout", "forever");
        p.setProperty("mailwright.smtp.hots", "x");
        p.setProperty("mailwright.enabled", "maybe");
        p.setProperty("mailwright.support.email", "a@example.com");
        p.setProperty("mailwright.support.url", "https://example.com");
        EmailSettings s = SettingsLoader.fromProperties(p);
        var problems = s.validate().problems();
        assertThat(problems).extracting(ValidationProblem::code).contains(
                "smtp.port.not-a-number", "smtp.security.unknown", "smtp.read-timeout.not-a-duration",
                "key.unknown", "enabled.not-a-boolean", "support.both", "noreply-address.missing", "hostname.missing");
        assertThat(problems).filteredOn(x -> x.code().equals("key.unknown")).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("mailwright.smtp.hots").contains("did you mean 'mailwright.smtp.host'"));
        assertThat(problems).filteredOn(x -> x.code().equals("smtp.security.unknown")).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("'tls-please'").contains("starttls-required"));
    }

    @Test
    void fromEnvironment_mapsEveryKeyToItsVariable() {
        Map<String, String> env = new HashMap<>();
        env.put("MAILWRIGHT_SMTP_HOST", "smtp.example.com");
        env.put("MAILWRIGHT_SMTP_PORT", "2525");
        env.put("MAILWRIGHT_SMTP_HELO_DOMAIN", "ghe.example.com");
        env.put("MAILWRIGHT_NOREPLY_ADDRESS", "noreply@ghe.example.com");
        env.put("MAILWRIGHT_HOSTNAME", "ghe.example.com");
        env.put("MAILWRIGHT_INBOUND_ENFORCE_TLS", "true");
        EmailSettings s = SettingsLoader.fromEnvironment(env);
        assertThat(s.smtpHost()).contains("smtp.example.com");
        assertThat(s.port()).isEqualTo(2525);
        assertThat(s.heloDomain()).contains("ghe.example.com");
        assertThat(s.enforceTlsForIncoming()).isTrue();
        assertThat(s.validate().isValid()).isTrue();
        assertThat(SettingsKey.SMTP_HELO_DOMAIN.environmentVariable()).isEqualTo("MAILWRIGHT_SMTP_HELO_DOMAIN");
        assertThat(SettingsKey.SMTP_HOST.property()).isEqualTo("mailwright.smtp.host");
    }

    @Test
    void toProperties_roundTrips() {
        EmailSettings s = EmailSettingsTest.valid().enforceTlsForIncoming(true).build();
        EmailSettings back = SettingsLoader.fromProperties(SettingsLoader.toProperties(s));
        assertThat(back.toString()).isEqualTo(s.toString());
        assertThat(back.password()).isEqualTo(s.password());
    }

    @Test
    void unreadableFile_givesClearError() {
        assertThatThrownBy(() -> SettingsLoader.fromFile(dir.resolve("nope.properties")))
                .isInstanceOf(MailwrightException.class).hasMessageContaining("nope.properties");
    }

    @Test
    void parseDuration_acceptsTheDocumentedForms() {
        assertThat(SettingsLoader.parseDuration("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(SettingsLoader.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> SettingsLoader.parseDuration("soon")).hasMessageContaining("'soon'");
    }
}
