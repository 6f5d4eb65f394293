package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.Secret;
import java.util.Properties;

/**
 * The one place where the test-email flow turns {@link EmailSettings} into Angus Mail session
 * properties. Kept small on purpose: it is meant to be replaced by the SMTP transport's own
 * mapping ({@code dev.mailwright.smtp.internal.AngusSessionProperties}) once both exist.
 */
public final class AngusSettingsMapping {
    private AngusSettingsMapping() {
    }

    /** @return {@code smtps} for implicit TLS, {@code smtp} otherwise */
    public static String protocol(EmailSettings s) {
        return s.security() == ConnectionSecurity.IMPLICIT_TLS ? "smtps" : "smtp";
    }

    /** @return the session properties for these settings (never the password) */
    public static Properties properties(EmailSettings s) {
        String p = "mail." + protocol(s) + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", s.smtpHost());
        props.setProperty(p + "port", String.valueOf(s.port()));
        props.setProperty(p + "connectiontimeout", String.valueOf(s.connectTimeout().toMillis()));
        props.setProperty(p + "timeout", String.valueOf(s.readTimeout().toMillis()));
        props.setProperty(p + "writetimeout", String.valueOf(s.writeTimeout().toMillis()));
        s.heloDomain().ifPresent(h -> props.setProperty(p + "localhost", h));
        props.setProperty(p + "starttls.enable", String.valueOf(s.security() == ConnectionSecurity.STARTTLS
                || s.security() == ConnectionSecurity.STARTTLS_REQUIRED));
        props.setProperty(p + "starttls.required", String.valueOf(s.security() == ConnectionSecurity.STARTTLS_REQUIRED));
        props.setProperty(p + "ssl.checkserveridentity", "true");
        props.setProperty(p + "auth", String.valueOf(s.auth() != AuthMethod.NONE));
        if (s.auth() != AuthMethod.NONE) {
            props.setProperty(p + "auth.mechanisms", s.auth().key().toUpperCase(java.util.Locale.ROOT));
        }
        if (s.noReplyAddress() != null) {
            props.setProperty(p + "from", s.noReplyAddress());
        }
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
