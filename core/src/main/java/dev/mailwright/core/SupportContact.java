package dev.mailwright.core;

import java.util.Objects;

/**
 * Where users find help, as the seed's "Support" choice: an internal email address or a link to an
 * internal support site (which must start with {@code http://} or {@code https://}). The value is
 * checked by {@link EmailSettings#validate()}, not here, so that every problem is reported at once.
 *
 * @param kind email or URL
 * @param value the address or the URL
 */
public record SupportContact(Kind kind, String value) {

    /** The two kinds of support contact. */
    public enum Kind {
        /** An email address. */
        EMAIL,
        /** An http(s) URL. */
        URL
    }

    /** Validates that the fields are present. */
    public SupportContact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** @return an email support contact */
    public static SupportContact email(String address) {
        return new SupportContact(Kind.EMAIL, address);
    }

    /** @return a URL support contact */
    public static SupportContact url(String url) {
        return new SupportContact(Kind.URL, url);
    }
}
