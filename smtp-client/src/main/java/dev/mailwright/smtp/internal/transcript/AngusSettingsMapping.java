package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import dev.mailwright.smtp.internal.AngusSessionProperties;
import java.util.Properties;

/**
 * What the test-email flow needs on top of the SMTP transport's own mapping from
 * {@link EmailSettings} to Angus Mail session properties ({@link AngusSessionProperties}, shared so
 * that a test email connects exactly as notifications will): the envelope sender and the credential.
 */
public final class AngusSettingsMapping {
    private AngusSettingsMapping() {
    }

    /** @return {@code smtps} for implicit TLS, {@code smtp} otherwise */
    public static String protocol(EmailSettings s) {
        return AngusSessionProperties.protocol(s);
    }

    /**
     * @return the session properties of the SMTP transport for these settings (one mapping for both),
     *     plus the envelope sender; never the password
     */
    public static Properties properties(EmailSettings s) {
        Properties props = AngusSessionProperties.of(s, null);
        s.noReplyAddress().ifPresent(from -> props.setProperty("mail." + protocol(s) + ".from", from));
        return props;
    }

    /** @return the password or token to authenticate with, or null for no authentication */
    public static String credential(EmailSettings s) {
        if (s.auth() == AuthMethod.NONE) {
            return null;
        }
        if (s.auth() == AuthMethod.XOAUTH2 && s.tokenSupplier().isPresent()) {
            return s.tokenSupplier().get().get().reveal();
        }
        return s.password().map(Secret::reveal).orElse(null);
    }
}
