package dev.mailwright.smtp.spi;

import dev.mailwright.core.EmailSettings;
import java.net.URI;
import java.util.Objects;

/**
 * What a {@link MailTransportProvider} gets to build a transport.
 *
 * @param uri the transport URI, such as {@code smtp://}, {@code memory:} or {@code pickup:/var/mail/out}
 * @param settings the email settings (server, security, authentication, timeouts)
 */
public record TransportContext(URI uri, EmailSettings settings) {
    /** Validates the fields. */
    public TransportContext {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(settings, "settings");
    }
}
