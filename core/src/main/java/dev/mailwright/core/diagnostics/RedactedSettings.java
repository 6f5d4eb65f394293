package dev.mailwright.core.diagnostics;

import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.SettingsKey;
import dev.mailwright.core.SettingsLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Settings as a report prints them: every key of {@link SettingsKey} in table order, with secrets
 * replaced by {@value Secret#REDACTED}.
 */
public final class RedactedSettings {
    private RedactedSettings() {
    }

    /**
     * @param settings the settings
     * @return the properties keys and values, secrets redacted, in the order of {@link SettingsKey}
     */
    public static Map<String, String> of(EmailSettings settings) {
        Properties p = SettingsLoader.toProperties(settings);
        Map<String, String> out = new LinkedHashMap<>();
        for (SettingsKey key : SettingsKey.values()) {
            String value = p.getProperty(key.property());
            if (value != null) {
                out.put(key.property(), key.isSecret() ? Secret.REDACTED : value);
            }
        }
        return out;
    }
}
