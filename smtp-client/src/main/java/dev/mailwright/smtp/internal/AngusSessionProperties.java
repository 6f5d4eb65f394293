package dev.mailwright.smtp.internal;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.TrustedCertificates;
import java.util.Objects;
import java.util.Properties;

/**
 * The one mapping from {@link EmailSettings} to Angus Mail session properties, shared by the SMTP
 * transport and the test email:
 * <ul>
 * <li>host and port; the HELO/EHLO name ({@code mail.smtp.localhost}) when the settings give one;</li>
 * <li>finite connect, read and write timeouts (Angus waits forever by default);</li>
 * <li>STARTTLS: {@code starttls-required} sets {@code starttls.required} so a server without
 *     STARTTLS fails closed ({@code starttls.enable} alone silently falls back to plain text);
 *     {@code implicit-tls} uses the {@code smtps} protocol;</li>
 * <li>{@code ssl.checkserveridentity} always on; trusted certificates as the SSL socket factory;</li>
 * <li>authentication limited to the selected mechanism ({@code PLAIN}, {@code LOGIN}, {@code XOAUTH2},
 *     the last one not being among Angus's defaults).</li>
 * </ul>
 * Keys use the prefix of {@link #protocol(EmailSettings)}: {@code mail.smtp.} or {@code mail.smtps.}.
 */
public final class AngusSessionProperties {
    private AngusSessionProperties() {
    }

    /**
     * @param settings the settings
     * @return {@code smtps} for implicit TLS, {@code smtp} otherwise
     */
    public static String protocol(EmailSettings settings) {
        return settings.security() == ConnectionSecurity.IMPLICIT_TLS ? "smtps" : "smtp";
    }

    /**
     * @param settings the settings (server, security, auth, timeouts)
     * @param trust certificates to trust instead of the JVM's defaults, or null
     * @return new properties for {@code Session.getInstance(...)}; the caller may add its own
     *     (such as a socket factory that records the conversation) on top
     */
    public static Properties of(EmailSettings settings, TrustedCertificates trust) {
        Objects.requireNonNull(settings, "settings");
        String protocol = protocol(settings);
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol);
        settings.smtpHost().ifPresent(host -> props.setProperty(p + "host", host));
        props.setProperty(p + "port", Integer.toString(settings.port()));
        settings.heloDomain().ifPresent(helo -> props.setProperty(p + "localhost", helo));
        props.setProperty(p + "connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
        props.setProperty(p + "timeout", Long.toString(settings.readTimeout().toMillis()));
        props.setProperty(p + "writetimeout", Long.toString(settings.writeTimeout().toMillis()));
        security(settings.security(), p, props);
        props.setProperty(p + "ssl.checkserveridentity", "true");
        if (trust != null) {
            props.put(p + "ssl.socketFactory", trust.socketFactory());
            props.setProperty(p + "ssl.socketFactory.fallback", "false");
        }
        auth(settings.auth(), p, props);
        return props;
    }

    private static void security(ConnectionSecurity security, String p, Properties props) {
        switch (security) {
            case NONE -> props.setProperty(p + "starttls.enable", "false");
            case STARTTLS -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "false");
            }
            case STARTTLS_REQUIRED -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
            }
            case IMPLICIT_TLS -> props.setProperty(p + "ssl.enable", "true");
        }
    }

    private static void auth(AuthMethod auth, String p, Properties props) {
        if (auth == AuthMethod.NONE) {
            props.setProperty(p + "auth", "false");
            return;
        }
        props.setProperty(p + "auth", "true");
        props.setProperty(p + "auth.mechanisms", auth.name());
        if (auth == AuthMethod.XOAUTH2) {
            props.setProperty(p + "auth.xoauth2.disable", "false");
        }
    }
}
