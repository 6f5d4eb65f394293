package dev.mailwright.core;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A password, token or key that must never be printed. {@link #toString()} always returns
 * {@code "******"}; only {@link #reveal()} gives the value, to the code that sends it.
 */
public final class Secret {
    /** What {@link #toString()} prints instead of the value. */
    public static final String REDACTED = "******";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * @param value the secret value; not null
     * @return a secret holding it
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** @return the value, for the one place that needs it (an AUTH command, an HMAC key) */
    public String reveal() {
        return value;
    }

    /** @return true when the value is empty or only white space */
    public boolean isBlank() {
        return value.isBlank();
    }

    /** @return {@value #REDACTED}, never the value */
    @Override
    public String toString() {
        return REDACTED;
    }

    /** Constant-time comparison of the values. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret s
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // deliberately constant: a hash would leak information about the value
    }
}
