package dev.mailwright.cli;

import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.smtp.MailTransports;
import dev.mailwright.smtp.SmtpTransport;
import dev.mailwright.smtp.spi.MailTransport;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/** The transport of the {@code --transport URI} and {@code --trust-pem FILE} options. */
final class CliTransports {
    private CliTransports() {
    }

    /**
     * @param transport smtp://HOST:PORT, smtps://, memory:, pickup:/dir, or null for SMTP per the settings
     * @param trustPem PEM certificates to trust for the SMTP server, or null
     * @param settings the settings
     * @param maxConnections the SMTP pool's size
     * @return the transport; the caller closes it
     */
    static MailTransport open(String transport, Path trustPem, EmailSettings settings, int maxConnections) {
        URI uri = transport == null ? null : MailTransports.parse(transport);
        String scheme = uri == null ? "smtp" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            if (trustPem != null) {
                throw new IllegalArgumentException("--trust-pem applies to smtp:// and smtps:// only, not " + transport);
            }
            return MailTransports.open(uri, settings);
        }
        EmailSettings.Builder s = settings.toBuilder();
        if (uri != null && uri.getHost() != null) {
            s.smtpHost(uri.getHost());
        }
        if (uri != null && uri.getPort() > 0) {
            s.port(uri.getPort());
        }
        if (scheme.equals("smtps")) {
            s.security(ConnectionSecurity.IMPLICIT_TLS);
        }
        SmtpTransport.Builder b = SmtpTransport.builder().settings(s.build()).maxConnections(maxConnections);
        if (trustPem != null) {
            b.trustedCertificates(TrustedCertificates.fromPem(trustPem));
        }
        return b.build();
    }
}
