package dev.mailwright.smtp.testmail;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.SettingsStore;
import java.util.Objects;

/**
 * Saves settings only after a successful test email, as the seed's flow does ("if the test email
 * succeeds, save the settings"). Thread-safe.
 */
public final class TestedSettingsSaver {
    private final SettingsStore store;
    private final EmailSettingsTester tester;

    /**
     * @param store where the settings are saved
     * @param tester sends the test email
     */
    public TestedSettingsSaver(SettingsStore store, EmailSettingsTester tester) {
        this.store = Objects.requireNonNull(store, "store");
        this.tester = Objects.requireNonNull(tester, "tester");
    }

    /**
     * Sends a test email with the settings and saves them when it was delivered; otherwise the
     * stored settings stay as they were.
     *
     * @param settings the new settings
     * @param to where to send the test email
     * @return the test's outcome and whether the settings were saved
     */
    public Outcome testAndSave(EmailSettings settings, String to) {
        TestEmailResult result = tester.send(settings, to);
        if (result.delivered()) {
            store.save(settings);
        }
        return new Outcome(result, result.delivered());
    }

    /**
     * @param test the test email's outcome
     * @param saved true when the settings were saved
     */
    public record Outcome(TestEmailResult test, boolean saved) {
        /** Validates the fields. */
        public Outcome {
            Objects.requireNonNull(test, "test");
        }
    }
}
