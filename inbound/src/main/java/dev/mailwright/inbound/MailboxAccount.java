package dev.mailwright.inbound;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.ConnectionSecurity;
import dev.mailwright.core.Secret;
import dev.mailwright.core.TrustedCertificates;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A mailbox replies are read from, over IMAP or POP3: the server, how the connection is secured,
 * who logs in and how, and which folder. Written as a URI, like the command line's
 * {@code --imap imaps://replies@mail.example.com/INBOX}:
 *
 * <pre>{@code
 * MailboxAccount account = MailboxAccount.builder(URI.create("imaps://replies@mail.example.com/INBOX"))
 *         .password(Secret.of(System.getenv("MAILWRIGHT_IMAP_PASSWORD")))      // or .oauth2(tokens::current)
 *         .build();
 * }</pre>
 *
 * <p>TLS is required by default, under the same rules as sending: {@code imaps}/{@code pop3s}
 * connect with TLS ({@link ConnectionSecurity#IMPLICIT_TLS}), {@code imap}/{@code pop3} must upgrade
 * with STARTTLS/STLS and fail closed when the server does not offer it
 * ({@link ConnectionSecurity#STARTTLS_REQUIRED}); the server's certificate is checked against the
 * JVM's trust store or {@link TrustedCertificates}, and its host name is always verified. Only
 * {@link Builder#security(ConnectionSecurity)} with {@code NONE} allows a connection in the clear.
 *
 * <p>{@link #toString()} never shows the password or a token.
 */
public final class MailboxAccount {
    /** The protocol a mailbox is read with. */
    public enum Protocol {
        /** IMAP4rev1 (RFC 3501), with IDLE and MOVE when the server offers them. */
        IMAP(143, 993),
        /** POP3 (RFC 1939) with UIDL. */
        POP3(110, 995);

        private final int plainPort;
        private final int tlsPort;

        Protocol(int plainPort, int tlsPort) {
            this.plainPort = plainPort;
            this.tlsPort = tlsPort;
        }
    }

    private final Protocol protocol;
    private final String host;
    private final int port;
    private final ConnectionSecurity security;
    private final String user;
    private final String folder;
    private final Secret password;
    private final Supplier<Secret> oauth2Tokens;
    private final TrustedCertificates trust;
    private final Duration timeout;

    private MailboxAccount(Builder b) {
        this.protocol = b.protocol;
        this.host = b.host;
        this.security = b.security != null ? b.security : b.implicitTls ? ConnectionSecurity.IMPLICIT_TLS
                : ConnectionSecurity.STARTTLS_REQUIRED;
        this.port = b.port > 0 ? b.port : security == ConnectionSecurity.IMPLICIT_TLS ? protocol.tlsPort : protocol.plainPort;
        this.user = b.user;
        this.folder = b.folder;
        this.password = b.password;
        this.oauth2Tokens = b.oauth2Tokens;
        this.trust = b.trust;
        this.timeout = b.timeout;
    }

    /**
     * @param uri {@code imap://}, {@code imaps://}, {@code pop3://} or {@code pop3s://}, with the
     *     user ({@code user@host}, {@code %40} for an {@code @} inside the user name), an optional
     *     port and, for IMAP, the folder as the path (default {@code INBOX}); never a password
     * @return a builder
     * @throws IllegalArgumentException naming the URI and what is wrong with it
     */
    public static Builder builder(URI uri) {
        return new Builder(Objects.requireNonNull(uri, "uri"));
    }

    /** @return IMAP or POP3 */
    public Protocol protocol() {
        return protocol;
    }

    /** @return the server's host name or address */
    public String host() {
        return host;
    }

    /** @return the server's port */
    public int port() {
        return port;
    }

    /** @return how the connection is secured */
    public ConnectionSecurity security() {
        return security;
    }

    /** @return the user name that logs in */
    public String user() {
        return user;
    }

    /** @return the folder read (IMAP), {@code INBOX} for POP3 */
    public String folder() {
        return folder;
    }

    /** @return true when the login is XOAUTH2 with a token, false for a password */
    public boolean usesOAuth2() {
        return oauth2Tokens != null;
    }

    /**
     * @return what to log in with: the password, or a fresh token from the supplier (asked at
     *     every connection, so that an expired token is replaced)
     * @throws InboundException when the token supplier fails or gives nothing
     */
    public Secret credential() {
        if (oauth2Tokens == null) {
            return password;
        }
        Secret token;
        try {
            token = oauth2Tokens.get();
        } catch (RuntimeException e) {
            throw new InboundException("The OAuth2 token supplier for " + user + " at " + host + " failed: " + e.getMessage()
                    + ". Check the token source.", e);
        }
        if (token == null || token.isBlank()) {
            throw new InboundException("The OAuth2 token supplier for " + user + " at " + host + " gave no token");
        }
        return token;
    }

    /** @return the certificates trusted instead of the JVM's, when given */
    public Optional<TrustedCertificates> trust() {
        return Optional.ofNullable(trust);
    }

    /** @return the connect, read and write timeout */
    public Duration timeout() {
        return timeout;
    }

    /** @return the account as a URI without secret, such as {@code imaps://replies@mail.example.com:993/INBOX} */
    @Override
    public String toString() {
        boolean tls = security == ConnectionSecurity.IMPLICIT_TLS;
        String scheme = protocol.name().toLowerCase(Locale.ROOT) + (tls ? "s" : "");
        return scheme + "://" + user + "@" + host + ":" + port + (protocol == Protocol.IMAP ? "/" + folder : "")
                + (security == ConnectionSecurity.NONE ? " (no TLS)" : "") + (usesOAuth2() ? " (XOAUTH2)" : "");
    }

    /** Builds a {@link MailboxAccount}; setters are named after the properties. */
    public static final class Builder {
        private final BuilderState state = new BuilderState("MailboxAccount.Builder");
        private Protocol protocol;
        private boolean implicitTls;
        private String host;
        private int port = -1;
        private String user;
        private String folder = "INBOX";
        private ConnectionSecurity security;
        private Secret password;
        private Supplier<Secret> oauth2Tokens;
        private TrustedCertificates trust;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            switch (scheme) {
                case "imap", "imaps" -> protocol = Protocol.IMAP;
                case "pop3", "pop3s", "pop", "pops" -> protocol = Protocol.POP3;
                default -> throw bad(uri, "the scheme must be imap, imaps, pop3 or pop3s");
            }
            implicitTls = scheme.endsWith("s");
            if (uri.getHost() == null || uri.getRawUserInfo() == null || uri.getRawUserInfo().isEmpty()) {
                throw bad(uri, "give the user and the host, as in " + scheme + "://replies@mail.example.com");
            }
            if (uri.getRawUserInfo().contains(":")) {
                throw bad(uri, "a password does not belong in the URI (it would show in logs and process lists);"
                        + " pass it with password(...) or, on the command line, in the environment");
            }
            host = uri.getHost().toLowerCase(Locale.ROOT);
            port = uri.getPort();
            user = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (!path.isEmpty()) {
                if (protocol == Protocol.POP3 && !path.equalsIgnoreCase("INBOX")) {
                    throw bad(uri, "POP3 has only the INBOX; remove the path '" + path + "'");
                }
                folder = path;
            }
        }

        private static IllegalArgumentException bad(URI uri, String what) {
            String shown = uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")
                    ? uri.getScheme() + "://" + uri.getRawUserInfo().replaceFirst(":.*", ":******") + "@" + uri.getHost()
                    : uri.toString();
            return new IllegalArgumentException("The mailbox URI '" + shown + "' cannot be used: " + what + ".");
        }

        /** @param password the password (LOGIN or AUTH PLAIN) @return this */
        public Builder password(Secret password) {
            this.password = state.set("password", password);
            return this;
        }

        /**
         * @param tokens gives a valid OAuth2 access token, asked at every connection (XOAUTH2, as
         *     Microsoft 365 and Google Workspace require)
         * @return this
         */
        public Builder oauth2(Supplier<Secret> tokens) {
            this.oauth2Tokens = state.set("oauth2", tokens);
            return this;
        }

        /**
         * @param security how the connection is secured; {@code NONE} is the only way to read a
         *     mailbox in the clear (a test server on loopback)
         * @return this
         */
        public Builder security(ConnectionSecurity security) {
            this.security = state.set("security", security);
            return this;
        }

        /** @param trust certificates to trust instead of the JVM's (a private CA) @return this */
        public Builder trust(TrustedCertificates trust) {
            this.trust = state.set("trust", trust);
            return this;
        }

        /** @param timeout connect, read and write timeout; 30 seconds by default @return this */
        public Builder timeout(Duration timeout) {
            state.set("timeout", timeout);
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * @return the account
         * @throws IllegalStateException when neither or both of a password and a token supplier were given
         */
        public MailboxAccount build() {
            if ((password == null) == (oauth2Tokens == null)) {
                throw new IllegalStateException("MailboxAccount needs exactly one of password(...) or oauth2(...), "
                        + (password == null ? "got neither" : "got both"));
            }
            return new MailboxAccount(this);
        }
    }
}
