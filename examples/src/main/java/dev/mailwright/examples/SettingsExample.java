package dev.mailwright.examples;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.core.SettingsLoader;
import dev.mailwright.core.SettingsStore;
import dev.mailwright.core.SupportContact;
import dev.mailwright.core.ValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Building, validating, loading and storing an administrator's email settings.
 *
 * <p>Run: {@code java -cp cli/target/mailwright.jar dev.mailwright.examples.SettingsExample}
 */
public final class SettingsExample {
    private SettingsExample() {
    }

    /** @param args unused */
    public static void main(String[] args) throws Exception {
        // 1. Build settings in code. Invalid values are allowed here so that validate() can list them all.
        EmailSettings draft = EmailSettings.builder()
                .smtpHost("smtp.example.com")
                .port(70000)                                   // out of range
                .auth(AuthMethod.LOGIN)                        // but no user name or password
                .noReplyAddress("noreply@ghe.example.com")
                .supportContact(SupportContact.url("support.example.com"))   // no http(s)://
                .hostname("ghe.example.com")
                .build();
        ValidationResult result = draft.validate();
        System.out.println("Draft settings: " + result.problems().size() + " problem(s)");
        result.problems().forEach(p -> System.out.println("  " + p.path() + ": " + p.message()));

        // 2. Fix them; secrets are wrapped so they never show in toString() or logs.
        EmailSettings settings = draft.toBuilder()
                .port(587)
                .username("notifications@example.com")
                .password(Secret.of("example-password"))
                .supportContact(SupportContact.url("https://support.example.com"))
                .build()
                .requireValid();
        System.out.println("Valid: " + settings);

        // 3. Store them atomically (owner-only), then load them back from the file.
        Path dir = Files.createTempDirectory("mailwright-settings");
        SettingsStore store = new SettingsStore(dir.resolve("email.properties"));
        store.save(settings);
        EmailSettings loaded = SettingsLoader.fromFile(store.file());
        System.out.println("Loaded from " + store.file() + ": valid=" + loaded.validate().isValid()
                + ", replies go to " + loaded.replyDomain());
    }
}
