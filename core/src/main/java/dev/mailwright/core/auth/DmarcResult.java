package dev.mailwright.core.auth;

import java.util.Locale;

/** The DMARC result, with the keywords of RFC 8601. */
public enum DmarcResult {
    /** SPF or DKIM passed for a domain aligned with the From domain. */
    PASS,
    /** Neither passed aligned, and the From domain publishes a policy. */
    FAIL,
    /** The From domain publishes no DMARC policy. */
    NONE,
    /** DNS did not answer in time, for the policy or for what could have passed: retry later, never a pass. */
    TEMPERROR,
    /** The message cannot be evaluated: no From domain, several From addresses. */
    PERMERROR;

    /** @return the RFC 8601 keyword, such as {@code pass} */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
