package dev.mailwright.core.auth;

/** How closely an authenticated domain must match the From domain for DMARC. */
public enum Alignment {
    /** The same organizational domain ({@code mail.example.com} aligns with {@code example.com}); the default. */
    RELAXED,
    /** Exactly the same domain. */
    STRICT
}
