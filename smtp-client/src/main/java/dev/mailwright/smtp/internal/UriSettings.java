package dev.mailwright.smtp.internal;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import java.net.URI;

/** Applies the host and port of an {@code smtp://} or {@code smtps://} URI to the settings. */
final class UriSettings {
    private UriSettings() {
    }

    static EmailSettings apply(URI uri, EmailSettings settings, boolean implicitTls) {
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("the transport URI must not hold credentials ('" + uri.getScheme()
                    + "://user@...'); put them in the settings (mailwright.smtp.username / password)");
        }
        EmailSettings.Builder b = settings.toBuilder();
        if (uri.getHost() != null) {
            b.smtpHost(uri.getHost());
        }
        if (uri.getPort() > 0) {
            b.port(uri.getPort());
        }
        if (implicitTls) {
            b.security(ConnectionSecurity.IMPLICIT_TLS);
        }
        return b.build();
    }
}
