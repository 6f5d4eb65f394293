package dev.mailwright.core;

/** How Mailwright authenticates to the outgoing SMTP server. */
public enum AuthMethod {
    /** No authentication (a relay that trusts the instance's address). */
    NONE("none"),
    /** SASL PLAIN with user name and password. */
    PLAIN("plain"),
    /** The LOGIN mechanism with user name and password (the seed's transcript uses it). */
    LOGIN("login"),
    /** OAuth 2.0 bearer token (XOAUTH2), the token obtained from a supplier per connection. */
    XOAUTH2("xoauth2");

    private final String key;

    AuthMethod(String key) {
        this.key = key;
    }

    /** @return the value used in settings files */
    public String key() {
        return key;
    }

    /**
     * @param key a settings value, case-insensitive
     * @return the matching value
     * @throws IllegalArgumentException naming the accepted values
     */
    public static AuthMethod fromKey(String key) {
        return SettingsEnums.fromKey(AuthMethod.class, key, AuthMethod::key);
    }
}
