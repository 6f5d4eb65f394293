package dev.mailwright.core;

import java.util.Locale;

/**
 * The one table of settings keys. Each key has a properties name ({@code mailwright.smtp.host})
 * and an environment variable ({@code MAILWRIGHT_SMTP_HOST}: upper case, dots and hyphens become
 * underscores). The path used in {@link ValidationProblem#path()} is the name without the
 * {@code mailwright.} prefix.
 */
public enum SettingsKey {
    /** {@code true} or {@code false}; default {@code true}. */
    ENABLED("enabled", "whether outgoing and incoming email are enabled (true/false, default true)"),
    /** The SMTP server's host name or address. */
    SMTP_HOST("smtp.host", "the SMTP server's host name or IP address"),
    /** The SMTP server's port, 1 to 65535; default 587. */
    SMTP_PORT("smtp.port", "the SMTP server's port (default 587)"),
    /** The name sent with HELO/EHLO. */
    SMTP_HELO_DOMAIN("smtp.helo-domain", "the domain sent with HELO/EHLO (optional)"),
    /** none, starttls, starttls-required (default) or implicit-tls. */
    SMTP_SECURITY("smtp.security", "none | starttls | starttls-required (default) | implicit-tls"),
    /** none (default), plain, login or xoauth2. */
    SMTP_AUTH("smtp.auth", "none (default) | plain | login | xoauth2"),
    /** The user name for authentication. */
    SMTP_USERNAME("smtp.username", "the user name for authentication"),
    /** The password, or the static XOAUTH2 token. Stored owner-only; never printed. */
    SMTP_PASSWORD("smtp.password", "the password (or XOAUTH2 token); never printed"),
    /** Connect timeout, such as {@code 10s}, {@code 500ms} or {@code PT10S}; default 10s. */
    SMTP_CONNECT_TIMEOUT("smtp.connect-timeout", "connect timeout, e.g. 10s or 500ms (default 10s)"),
    /** Read timeout; default 30s. */
    SMTP_READ_TIMEOUT("smtp.read-timeout", "read timeout (default 30s)"),
    /** Write timeout; default 30s. */
    SMTP_WRITE_TIMEOUT("smtp.write-timeout", "write timeout (default 30s)"),
    /** The no-reply address, used in From and To of every notification. */
    NOREPLY_ADDRESS("noreply-address", "the address in From and To of every notification"),
    /** {@code true} to discard incoming mail sent to the no-reply address; default false. */
    DISCARD_NOREPLY_MAIL("discard-noreply-mail", "discard incoming mail sent to the no-reply address (default false)"),
    /** The support email address (exclusive with the URL). */
    SUPPORT_EMAIL("support.email", "the support contact as an email address"),
    /** The support URL, http:// or https:// (exclusive with the email). */
    SUPPORT_URL("support.url", "the support contact as an http(s) URL"),
    /** The instance host name; replies go to reply.&lt;hostname&gt;. */
    HOSTNAME("hostname", "the instance host name (replies go to reply.<hostname>)"),
    /** The domain of the bounce addresses (the envelope sender of notifications); default {@code noreply.<hostname>}. */
    BOUNCE_DOMAIN("bounce-domain", "the domain of the bounce (VERP) envelope senders (default noreply.<hostname>);"
            + " its mail must reach the inbound pipeline"),
    /** {@code true} to require TLS for incoming SMTP; default false. */
    INBOUND_ENFORCE_TLS("inbound.enforce-tls", "require STARTTLS for incoming SMTP (default false)"),
    /** The DKIM signing domain ({@code d=}); by default the domain of the no-reply address. */
    DKIM_DOMAIN("dkim.domain", "the DKIM signing domain d= (default: the no-reply address's domain)"),
    /** The DKIM selector of each key file, comma-separated, in the order of the key files. */
    DKIM_SELECTOR("dkim.selector", "the DKIM selector(s), comma-separated, one per key file, such as rsa2025, ed2025"),
    /** The PEM files of the DKIM private keys, comma-separated; one signature per key (RSA and Ed25519: dual). */
    DKIM_KEY_FILE("dkim.key-file", "the DKIM private key PEM file(s), comma-separated, one per selector; keep them owner-only");

    /** The prefix of every properties key. */
    public static final String PREFIX = "mailwright.";

    private final String path;
    private final String description;

    SettingsKey(String path, String description) {
        this.path = path;
        this.description = description;
    }

    /** @return the path, as in validation problems ({@code smtp.host}) */
    public String path() {
        return path;
    }

    /** @return the properties key ({@code mailwright.smtp.host}) */
    public String property() {
        return PREFIX + path;
    }

    /** @return the environment variable ({@code MAILWRIGHT_SMTP_HOST}) */
    public String environmentVariable() {
        return property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** @return what the key means and its default, for documentation and {@code --help} */
    public String description() {
        return description;
    }

    /** @return true for keys whose values are secrets */
    public boolean isSecret() {
        return this == SMTP_PASSWORD;
    }
}
