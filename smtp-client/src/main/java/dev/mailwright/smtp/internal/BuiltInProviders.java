package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.MemoryTransport;
import dev.mailwright.smtp.SmtpTransport;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.MailTransportProvider;
import dev.mailwright.smtp.spi.TransportContext;
import java.net.URI;
import java.nio.file.Path;

/** The transport providers shipped in {@code mailwright-smtp-client}, registered with ServiceLoader. */
public final class BuiltInProviders {
    static final String ARTIFACT = "dev.mailwright:mailwright-smtp-client";

    private BuiltInProviders() {
    }

    /** What the four providers share: their scheme and this artifact. */
    abstract static class Base implements MailTransportProvider {
        private final String scheme;

        Base(String scheme) {
            this.scheme = scheme;
        }

        @Override
        public final String scheme() {
            return scheme;
        }

        @Override
        public final String artifact() {
            return ARTIFACT;
        }
    }

    /** {@code smtp://[host[:port]]}: SMTP with the settings' security; host and port override the settings'. */
    public static final class Smtp extends Base {
        /** Needed by ServiceLoader. */
        public Smtp() {
            super("smtp");
        }

        @Override
        public MailTransport create(TransportContext context) {
            return SmtpTransport.builder().settings(UriSettings.apply(context.uri(), context.settings(), false)).build();
        }
    }

    /** {@code smtps://[host[:port]]}: SMTP with implicit TLS. */
    public static final class Smtps extends Base {
        /** Needed by ServiceLoader. */
        public Smtps() {
            super("smtps");
        }

        @Override
        public MailTransport create(TransportContext context) {
            return SmtpTransport.builder().settings(UriSettings.apply(context.uri(), context.settings(), true)).build();
        }
    }

    /** {@code memory:}: a new {@link MemoryTransport}. */
    public static final class Memory extends Base {
        /** Needed by ServiceLoader. */
        public Memory() {
            super("memory");
        }

        @Override
        public MailTransport create(TransportContext context) {
            return new MemoryTransport();
        }
    }

    /** {@code pickup:/path}: one {@code .eml} file per message in the directory. */
    public static final class Pickup extends Base {
        /** Needed by ServiceLoader. */
        public Pickup() {
            super("pickup");
        }

        @Override
        public MailTransport create(TransportContext context) {
            URI uri = context.uri();
            String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("the pickup URI '" + uri + "' names no directory; write pickup:/var/spool/mailwright");
            }
            return new PickupTransport(Path.of(path));
        }
    }
}
