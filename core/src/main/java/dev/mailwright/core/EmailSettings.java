package dev.mailwright.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An administrator's email settings, every field of the seed's form: whether email is enabled,
 * the outgoing SMTP server (address, port, HELO domain, connection security, authentication), the
 * no-reply address used in From and To of every notification, whether mail sent to the no-reply
 * address is discarded, the support contact, the instance host name (from which
 * {@code reply.<hostname>} and {@code noreply.<hostname>} are derived), whether TLS is enforced
 * for incoming SMTP, finite connect/read/write timeouts, and DKIM signing ({@link DkimSettings}).
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()} or loaded with
 * {@link SettingsLoader}; an instance may hold invalid values so that {@link #validate()} can
 * report every problem at once. Use {@link #requireValid()} before using settings. The password
 * and the token supplier never appear in {@link #toString()}.
 *
 * <p>One rule for the getters: a setting that may be unset (the SMTP server, the no-reply address,
 * the host name, the HELO domain, the credentials, the support contact) is an {@link Optional};
 * a setting with a default (the port, the security, the authentication method, the timeouts, the
 * flags) is its value. No getter returns null. On settings that passed {@link #validate()}, the
 * SMTP server, the no-reply address and the host name are always present.
 */
public final class EmailSettings {
    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default read timeout. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    /** Default write timeout. */
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** Default SMTP submission port. */
    public static final int DEFAULT_PORT = 587;

    private final boolean enabled;
    private final String smtpHost;
    private final int port;
    private final String heloDomain;
    private final ConnectionSecurity security;
    private final AuthMethod auth;
    private final String username;
    private final Secret password;
    private final Supplier<Secret> tokenSupplier;
    private final String noReplyAddress;
    private final boolean discardNoReplyMail;
    private final SupportContact supportContact;
    private final String hostname;
    private final String bounceDomain;
    private final boolean enforceTlsForIncoming;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final DkimSettings dkim;
    private final List<ValidationProblem> loadProblems;

    private EmailSettings(Builder b) {
        this.enabled = b.enabled;
        this.smtpHost = b.smtpHost;
        this.port = b.port;
        this.heloDomain = b.heloDomain;
        this.security = Objects.requireNonNull(b.security, "security");
        this.auth = Objects.requireNonNull(b.auth, "auth");
        this.username = b.username;
        this.password = b.password;
        this.tokenSupplier = b.tokenSupplier;
        this.noReplyAddress = b.noReplyAddress;
        this.discardNoReplyMail = b.discardNoReplyMail;
        this.supportContact = b.supportContact;
        this.hostname = b.hostname;
        this.bounceDomain = b.bounceDomain;
        this.enforceTlsForIncoming = b.enforceTlsForIncoming;
        this.connectTimeout = Objects.requireNonNull(b.connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(b.readTimeout, "readTimeout");
        this.writeTimeout = Objects.requireNonNull(b.writeTimeout, "writeTimeout");
        this.dkim = b.dkim;
        this.loadProblems = List.copyOf(b.loadProblems);
    }

    /** @return a builder with the defaults: enabled, port 587, STARTTLS required, no auth, finite timeouts */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings, to derive changed ones */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.enabled = enabled;
        b.smtpHost = smtpHost;
        b.port = port;
        b.heloDomain = heloDomain;
        b.security = security;
        b.auth = auth;
        b.username = username;
        b.password = password;
        b.tokenSupplier = tokenSupplier;
        b.noReplyAddress = noReplyAddress;
        b.discardNoReplyMail = discardNoReplyMail;
        b.supportContact = supportContact;
        b.hostname = hostname;
        b.bounceDomain = bounceDomain;
        b.enforceTlsForIncoming = enforceTlsForIncoming;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.dkim = dkim;
        b.loadProblems.addAll(loadProblems);
        return b;
    }

    /** @return whether outgoing and incoming email are enabled */
    public boolean enabled() {
        return enabled;
    }

    /** @return the SMTP server's host name or address, when set */
    public Optional<String> smtpHost() {
        return Optional.ofNullable(smtpHost);
    }

    /** @return the SMTP server's port */
    public int port() {
        return port;
    }

    /** @return the name sent with HELO/EHLO, when set */
    public Optional<String> heloDomain() {
        return Optional.ofNullable(heloDomain);
    }

    /** @return how the connection is protected; STARTTLS required by default */
    public ConnectionSecurity security() {
        return security;
    }

    /** @return the authentication method */
    public AuthMethod auth() {
        return auth;
    }

    /** @return the user name for authentication, when set */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** @return the password (or, for XOAUTH2 without supplier, a static token), when set */
    public Optional<Secret> password() {
        return Optional.ofNullable(password);
    }

    /**
     * @return the supplier of XOAUTH2 tokens, called once per connection; when none was set but a
     *     password was, a supplier of that password
     */
    public Optional<Supplier<Secret>> tokenSupplier() {
        if (tokenSupplier != null) {
            return Optional.of(tokenSupplier);
        }
        return password == null ? Optional.empty() : Optional.of(() -> password);
    }

    /** @return the no-reply address used in From and To of every notification, when set */
    public Optional<String> noReplyAddress() {
        return Optional.ofNullable(noReplyAddress);
    }

    /** @return whether incoming mail addressed to the no-reply address is discarded */
    public boolean discardNoReplyMail() {
        return discardNoReplyMail;
    }

    /** @return the support contact, when set */
    public Optional<SupportContact> supportContact() {
        return Optional.ofNullable(supportContact);
    }

    /** @return the instance host name, when set */
    public Optional<String> hostname() {
        return Optional.ofNullable(hostname);
    }

    /**
     * @return {@code reply.<hostname>}
     * @throws IllegalArgumentException when the host name is not valid
     */
    public String replyDomain() {
        return HostNames.replyDomain(hostname);
    }

    /**
     * @return {@code noreply.<hostname>}
     * @throws IllegalArgumentException when the host name is not valid
     */
    public String noReplyDomain() {
        return HostNames.noReplyDomain(hostname);
    }

    /**
     * @return the domain of the bounce addresses (the envelope sender of notifications), when set;
     *     by default they live under {@code noreply.<hostname>}
     */
    public Optional<String> bounceDomain() {
        return Optional.ofNullable(bounceDomain);
    }

    /** @return whether incoming SMTP must use TLS ({@code 530 5.7.0} to MAIL before STARTTLS) */
    public boolean enforceTlsForIncoming() {
        return enforceTlsForIncoming;
    }

    /** @return the connect timeout; finite */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the read timeout; finite */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** @return the write timeout; finite */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** @return the DKIM signing domain and keys; {@link DkimSettings#NONE} when messages are not signed */
    public DkimSettings dkim() {
        return dkim;
    }

    /**
     * Checks every field and returns every problem at once.
     *
     * @return the problems; empty when the settings can be used
     */
    public ValidationResult validate() {
        List<ValidationProblem> problems = new ArrayList<>(loadProblems);
        SettingsValidator.validate(this, problems);
        return new ValidationResult(problems);
    }

    /**
     * @return these settings
     * @throws InvalidSettingsException listing every problem, when there is any
     */
    public EmailSettings requireValid() {
        ValidationResult result = validate();
        if (!result.isValid()) {
            throw new InvalidSettingsException(result);
        }
        return this;
    }

    /** @return every field but the secrets, which show as {@value Secret#REDACTED} when set */
    @Override
    public String toString() {
        return "EmailSettings[enabled=" + enabled + ", smtpHost=" + smtpHost + ", port=" + port
                + ", heloDomain=" + heloDomain + ", security=" + security.key() + ", auth=" + auth.key()
                + ", username=" + username + ", password=" + (password == null ? "(none)" : Secret.REDACTED)
                + ", tokenSupplier=" + (tokenSupplier == null ? "(none)" : "(set)")
                + ", noReplyAddress=" + noReplyAddress + ", discardNoReplyMail=" + discardNoReplyMail
                + ", supportContact=" + supportContact + ", hostname=" + hostname + ", bounceDomain=" + bounceDomain
                + ", enforceTlsForIncoming=" + enforceTlsForIncoming + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout + ", dkim=" + dkim + "]";
    }

    /**
     * Builds {@link EmailSettings}; setters are named after the properties, each may be called once
     * and never with null (leave a property unset for its default or absence). Not thread-safe.
     */
    public static final class Builder {
        private boolean enabled = true;
        private String smtpHost;
        private int port = DEFAULT_PORT;
        private String heloDomain;
        private ConnectionSecurity security = ConnectionSecurity.STARTTLS_REQUIRED;
        private AuthMethod auth = AuthMethod.NONE;
        private String username;
        private Secret password;
        private Supplier<Secret> tokenSupplier;
        private String noReplyAddress;
        private boolean discardNoReplyMail;
        private SupportContact supportContact;
        private String hostname;
        private String bounceDomain;
        private boolean enforceTlsForIncoming;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
        private DkimSettings dkim = DkimSettings.NONE;
        private final List<ValidationProblem> loadProblems = new ArrayList<>();
        private final BuilderState state = new BuilderState("EmailSettings.Builder");

        private Builder() {
        }

        /** @param enabled whether email is enabled @return this */
        public Builder enabled(boolean enabled) {
            this.enabled = state.set("enabled", enabled);
            return this;
        }

        /** @param smtpHost the SMTP server's address @return this */
        public Builder smtpHost(String smtpHost) {
            this.smtpHost = state.set("smtpHost", smtpHost);
            return this;
        }

        /** @param port the SMTP server's port @return this */
        public Builder port(int port) {
            this.port = state.set("port", port);
            return this;
        }

        /** @param heloDomain the name to send with HELO/EHLO (unset: the local host name) @return this */
        public Builder heloDomain(String heloDomain) {
            this.heloDomain = state.set("heloDomain", heloDomain);
            return this;
        }

        /** @param security connection security @return this */
        public Builder security(ConnectionSecurity security) {
            this.security = state.set("security", security);
            return this;
        }

        /** @param auth authentication method @return this */
        public Builder auth(AuthMethod auth) {
            this.auth = state.set("auth", auth);
            return this;
        }

        /** @param username the user name for authentication @return this */
        public Builder username(String username) {
            this.username = state.set("username", username);
            return this;
        }

        /** @param password the password (or static XOAUTH2 token) @return this */
        public Builder password(Secret password) {
            this.password = state.set("password", password);
            return this;
        }

        /** @param tokenSupplier supplies XOAUTH2 tokens, called once per connection @return this */
        public Builder tokenSupplier(Supplier<Secret> tokenSupplier) {
            this.tokenSupplier = state.set("tokenSupplier", tokenSupplier);
            return this;
        }

        /** @param noReplyAddress the address in From and To of every notification @return this */
        public Builder noReplyAddress(String noReplyAddress) {
            this.noReplyAddress = state.set("noReplyAddress", noReplyAddress);
            return this;
        }

        /** @param discard whether incoming mail to the no-reply address is discarded @return this */
        public Builder discardNoReplyMail(boolean discard) {
            this.discardNoReplyMail = state.set("discardNoReplyMail", discard);
            return this;
        }

        /** @param supportContact the support contact @return this */
        public Builder supportContact(SupportContact supportContact) {
            this.supportContact = state.set("supportContact", supportContact);
            return this;
        }

        /** @param hostname the instance host name @return this */
        public Builder hostname(String hostname) {
            this.hostname = state.set("hostname", hostname);
            return this;
        }

        /**
         * @param bounceDomain the domain of the bounce addresses, or null for {@code noreply.<hostname>}
         * @return this
         */
        public Builder bounceDomain(String bounceDomain) {
            this.bounceDomain = state.set("bounceDomain", bounceDomain);
            return this;
        }

        /** @param enforce whether incoming SMTP must use TLS @return this */
        public Builder enforceTlsForIncoming(boolean enforce) {
            this.enforceTlsForIncoming = state.set("enforceTlsForIncoming", enforce);
            return this;
        }

        /** @param timeout the connect timeout, finite and positive @return this */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = state.set("connectTimeout", timeout);
            return this;
        }

        /** @param timeout the read timeout, finite and positive @return this */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = state.set("readTimeout", timeout);
            return this;
        }

        /** @param timeout the write timeout, finite and positive @return this */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = state.set("writeTimeout", timeout);
            return this;
        }

        /** @param dkim the DKIM signing domain and keys @return this */
        public Builder dkim(DkimSettings dkim) {
            this.dkim = state.set("dkim", dkim);
            return this;
        }

        /** Records a problem met while loading (a value that could not be converted). */
        Builder loadProblem(ValidationProblem problem) {
            loadProblems.add(problem);
            return this;
        }

        /** @return the settings; call {@link EmailSettings#validate()} to check them */
        public EmailSettings build() {
            return new EmailSettings(this);
        }
    }
}
