package dev.mailwright.smtp.testmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.SettingsStore;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.smtp.testsupport.SmtpSink;
import dev.mailwright.smtp.testsupport.TestSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings are saved only after a delivered test email, as the seed's flow says. */
class TestedSettingsSaverTest {
    @TempDir
    Path dir;

    @Test
    void saves_onlyWhenTheTestEmailWasDelivered() {
        SettingsStore store = new SettingsStore(dir.resolve("email.properties"));
        TestedSettingsSaver saver = new TestedSettingsSaver(store, EmailSettingsTester.builder().build());
        try (SmtpSink ok = SmtpSink.start(); SmtpSink refusing = SmtpSink.start("-B", "550 5.7.1 Relaying denied", "-f", "RCPT")) {
            EmailSettings bad = TestSettings.plain("127.0.0.1", refusing.port(), ConnectionSecurity.NONE).build();
            TestedSettingsSaver.Outcome refused = saver.testAndSave(bad, "admin@example.com");
            assertThat(refused.saved()).isFalse();
            assertThat(refused.test().failure()).contains(FailureClass.RELAY_DENIED);
            assertThat(store.load()).isEmpty();

            EmailSettings good = TestSettings.plain("127.0.0.1", ok.port(), ConnectionSecurity.NONE).build();
            TestedSettingsSaver.Outcome delivered = saver.testAndSave(good, "admin@example.com");
            assertThat(delivered.saved()).isTrue();
            assertThat(store.load()).get().extracting(EmailSettings::port).isEqualTo(ok.port());

            saver.testAndSave(bad, "admin@example.com");
            assertThat(store.load()).get().extracting(EmailSettings::port).isEqualTo(ok.port());
        }
    }

    @Test
    void invalidSettings_failAtOnce_withEveryProblem_andNothingIsSent() {
        EmailSettings invalid = EmailSettings.builder().smtpHost("bad host").port(70000).build();
        TestEmailResult r = EmailSettingsTester.builder().build().send(invalid, "admin@example.com");

        assertThat(r.failure()).contains(FailureClass.SETTINGS_INVALID);
        assertThat(r.transcript().isEmpty()).isTrue();
        assertThat(r.findings()).extracting(f -> f.code()).contains("settings.smtp.host.invalid", "settings.smtp.port.out-of-range");
    }

    @Test
    void badRecipient_isRefusedWithTheValue() {
        EmailSettingsTester tester = EmailSettingsTester.builder().build();
        EmailSettings s = TestSettings.plain("127.0.0.1", 25, ConnectionSecurity.NONE).build();
        assertThatThrownBy(() -> tester.send(s, "not an address")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'not an address'");
    }
}
