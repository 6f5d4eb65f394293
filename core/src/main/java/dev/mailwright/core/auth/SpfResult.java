package dev.mailwright.core.auth;

import java.util.Locale;

/** The result of an SPF check (RFC 7208 section 2.6), with the keywords of RFC 8601. */
public enum SpfResult {
    /** The domain publishes no SPF record, or the identity has no domain to check. */
    NONE,
    /** The domain says nothing about this address ({@code ?all}, or no term matched without {@code all}). */
    NEUTRAL,
    /** The address is authorized to send for the domain. */
    PASS,
    /** The address is not authorized ({@code -all}). */
    FAIL,
    /** Probably not authorized ({@code ~all}). */
    SOFTFAIL,
    /** No answer from DNS in time (timeout, SERVFAIL): retry later; never a pass. */
    TEMPERROR,
    /** The record cannot be evaluated: syntax errors, more than 10 DNS lookups, a loop. */
    PERMERROR;

    /** @return the RFC 8601 keyword, such as {@code pass} */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
