package dev.mailwright.core;

/** How the connection to the outgoing SMTP server is protected. */
public enum ConnectionSecurity {
    /** Plain text. Only for a relay on the same host or network; credentials would travel in clear. */
    NONE("none"),
    /** STARTTLS when the server offers it, plain text otherwise (opportunistic; not recommended). */
    STARTTLS("starttls"),
    /** STARTTLS, and fail when the server does not offer it. The default. */
    STARTTLS_REQUIRED("starttls-required"),
    /** TLS from the first byte (SMTPS, usually port 465). */
    IMPLICIT_TLS("implicit-tls");

    private final String key;

    ConnectionSecurity(String key) {
        this.key = key;
    }

    /** @return the value used in settings files, such as {@code starttls-required} */
    public String key() {
        return key;
    }

    /** @return true when the connection is encrypted for sure (STARTTLS required or implicit TLS) */
    public boolean alwaysEncrypted() {
        return this == STARTTLS_REQUIRED || this == IMPLICIT_TLS;
    }

    /**
     * @param key a settings value, case-insensitive ({@code _} accepted for {@code -})
     * @return the matching value
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ConnectionSecurity fromKey(String key) {
        return SettingsEnums.fromKey(ConnectionSecurity.class, key, ConnectionSecurity::key);
    }
}
