package dev.mailwright.examples;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.core.SettingsStore;
import dev.mailwright.core.diagnostics.ReportRenderer;
import dev.mailwright.smtp.testmail.EmailSettingsTester;
import dev.mailwright.smtp.testmail.TestEmailResult;
import dev.mailwright.smtp.testmail.TestedSettingsSaver;
import java.nio.file.Path;

/**
 * The seed's "Send test email" button: test unsaved settings, explain a failure with the SMTP
 * conversation, and save the settings only when the test email was delivered.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.TestSettingsExample SETTINGS TO STOREFILE}
 */
public final class TestSettingsExample {
    private TestSettingsExample() {
    }

    /**
     * @param settings the settings as the administrator typed them
     * @param to where the test email goes
     * @param storeFile where the settings are saved when the test succeeds
     * @return the outcome: delivered, or the failure with findings and transcript
     */
    public static TestedSettingsSaver.Outcome testThenSave(EmailSettings settings, String to, Path storeFile) {
        TestedSettingsSaver saver = new TestedSettingsSaver(new SettingsStore(storeFile), EmailSettingsTester.builder().build());
        TestedSettingsSaver.Outcome outcome = saver.testAndSave(settings, to);
        TestEmailResult result = outcome.test();
        System.out.println(result.delivered() ? "Delivered" : "Not delivered: " + result.failure().orElseThrow().description());
        System.out.print(ReportRenderer.text(result.findings()));   // findings with fixes
        System.out.print(result.transcript().toText());             // the redacted SMTP conversation
        System.out.println(outcome.saved() ? "Settings saved to " + storeFile : "Settings NOT saved: fix them and test again");
        return outcome;
    }

    /** @param args the settings file, the test address and the file to save the settings to */
    public static void main(String[] args) {
        testThenSave(SettingsLoader.fromFile(Path.of(args[0])), args[1], Path.of(args[2]));
    }
}
