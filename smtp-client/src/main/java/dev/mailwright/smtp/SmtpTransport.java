package dev.mailwright.smtp;

import dev.mailwright.core.BuilderState;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.InvalidSettingsException;
import dev.mailwright.core.TrustedCertificates;
import dev.mailwright.core.ValidationProblem;
import dev.mailwright.core.ValidationResult;
import dev.mailwright.smtp.internal.AngusSessionProperties;
import dev.mailwright.smtp.internal.SmtpPool;
import dev.mailwright.smtp.spi.MailTransport;
import dev.mailwright.smtp.spi.OutgoingMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Delivers over SMTP with Angus Mail through a pool of connections. Defaults: 4 connections, 1,000
 * messages per connection, 30 s idle expiry, NOOP check of connections idle longer than 5 s, 10 s
 * wait for a free connection; STARTTLS required (per the settings) with certificate and host-name
 * verification; finite timeouts from the settings. URIs {@code smtp://} and {@code smtps://}.
 *
 * <p>The write timeout is enforced by a watchdog thread rather than by Angus's per-write timer
 * (which costs more CPU than the rest of a send): a transaction that takes longer than the write
 * plus read timeout, or runs past the message's deadline, has its socket closed and fails with
 * {@link FailureCategory#TIMEOUT}. Reads are bounded by the read timeout on the socket.
 *
 * <p>Thread-safe. {@link #close()} waits for sends in progress, then says QUIT on every connection.
 */
public final class SmtpTransport implements MailTransport {
    private static final String CODE_PLAINTEXT_AUTH = "smtp.auth.password-unencrypted";

    private final EmailSettings settings;
    private final SmtpPool pool;

    private SmtpTransport(Builder b) {
        this.settings = b.settings;
        Properties props = AngusSessionProperties.of(b.settings, b.trust);
        props.putAll(b.sessionProperties);
        this.pool = new SmtpPool(props, b.settings, new SmtpPool.Limits(b.maxConnections,
                b.maxMessagesPerConnection, b.idleTimeout, b.staleCheckAfter, b.connectionWait, b.closeTimeout));
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public SendResult send(OutgoingMessage message) {
        return pool.send(Objects.requireNonNull(message, "message"));
    }

    @Override
    public String describe() {
        return AngusSessionProperties.protocol(settings) + "://" + settings.smtpHost().orElse("(no host)") + ":" + settings.port()
                + " (" + settings.security().key() + ", auth " + settings.auth().key() + ")";
    }

    /** @return connections idle in the pool now (for monitoring) */
    public int idleConnections() {
        return pool.idleCount();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "SmtpTransport[" + describe() + "]";
    }

    /** Builds an {@link SmtpTransport}; not thread-safe. */
    public static final class Builder {
        private EmailSettings settings;
        private TrustedCertificates trust;
        private final Map<String, Object> sessionProperties = new LinkedHashMap<>();
        private int maxConnections = 4;
        private int maxMessagesPerConnection = 1000;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private Duration staleCheckAfter = Duration.ofSeconds(5);
        private Duration connectionWait = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private boolean plaintextAuth;

        private final BuilderState state = new BuilderState("SmtpTransport.Builder");

        private Builder() {
        }

        /** @param settings server, port, HELO name, security, authentication and timeouts @return this */
        public Builder settings(EmailSettings settings) {
            this.settings = state.set("settings", settings);
            return this;
        }

        /** @param trust certificates to trust instead of the JVM's defaults @return this */
        public Builder trustedCertificates(TrustedCertificates trust) {
            this.trust = state.set("trustedCertificates", trust);
            return this;
        }

        /**
         * Extra Angus Mail session properties, applied last: they win over the ones derived from the
         * settings (values may be objects, such as a socket factory under
         * {@code mail.smtp.socketFactory} or {@code mail.smtp.ssl.socketFactory}). A socket factory
         * should return {@code SSLSocket}s for TLS, or Angus skips the server identity check.
         *
         * @param properties the properties
         * @return this
         */
        public Builder sessionProperties(Map<String, Object> properties) {
            Objects.requireNonNull(properties, "properties");
            properties.forEach((k, v) -> {
                Objects.requireNonNull(k, "property name");
                Objects.requireNonNull(v, () -> "value of " + k);
                state.set("sessionProperty " + k, v);
            });
            sessionProperties.putAll(properties);
            return this;
        }

        /** @param max connections at most, 1 to 256 @return this */
        public Builder maxConnections(int max) {
            this.maxConnections = state.set("maxConnections", range(max, 1, 256, "maxConnections"));
            return this;
        }

        /** @param max messages per connection before it is replaced, at least 1 @return this */
        public Builder maxMessagesPerConnection(int max) {
            this.maxMessagesPerConnection = state.set("maxMessagesPerConnection", range(max, 1, Integer.MAX_VALUE, "maxMessagesPerConnection"));
            return this;
        }

        /** @param timeout an idle connection older than this is closed @return this */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = state.set("idleTimeout", positive(timeout, "idleTimeout"));
            return this;
        }

        /** @param after an idle connection older than this is checked with NOOP before reuse @return this */
        public Builder staleCheckAfter(Duration after) {
            this.staleCheckAfter = state.set("staleCheckAfter", after);
            return this;
        }

        /** @param wait the longest wait for a free connection (also bounded by each message's deadline) @return this */
        public Builder connectionWait(Duration wait) {
            this.connectionWait = state.set("connectionWait", positive(wait, "connectionWait"));
            return this;
        }

        /** @param timeout how long close() waits for sends in progress @return this */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = state.set("closeTimeout", positive(timeout, "closeTimeout"));
            return this;
        }

        /**
         * Allows a password or token over a connection without TLS (security {@code none}), which
         * the settings validation otherwise refuses. Only for a relay on the same host or a test
         * server: the credentials travel in clear text.
         *
         * @return this
         */
        public Builder dangerouslyAllowPlaintextAuthentication() {
            this.plaintextAuth = state.set("dangerouslyAllowPlaintextAuthentication", true);
            return this;
        }

        /**
         * @return the transport (no connection is opened until the first send)
         * @throws InvalidSettingsException listing every problem of the SMTP settings
         * @throws IllegalStateException when the settings are missing or email is disabled
         */
        public SmtpTransport build() {
            if (settings == null) {
                throw new IllegalStateException("SmtpTransport: settings(...) is required");
            }
            if (!settings.enabled()) {
                throw new IllegalStateException("SmtpTransport: email is disabled in the settings (mailwright.enabled=false)");
            }
            List<ValidationProblem> problems = settings.validate().problems().stream()
                    .filter(p -> p.path().startsWith("smtp."))
                    .filter(p -> !(plaintextAuth && p.code().equals(CODE_PLAINTEXT_AUTH)))
                    .toList();
            if (!problems.isEmpty()) {
                throw new InvalidSettingsException(new ValidationResult(problems));
            }
            return new SmtpTransport(this);
        }

        private static int range(int value, int min, int max, String what) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + value);
            }
            return value;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
