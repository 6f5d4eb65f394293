package dev.mailwright.core.dkim;

import java.util.Locale;

/** The result of one DKIM signature, with the keywords of RFC 8601 (Authentication-Results). */
public enum DkimResult {
    /** The signature verified: the signing domain vouches for the signed fields and body. */
    PASS,
    /** The signature did not verify: the message changed after signing (body hash or signature mismatch). */
    FAIL,
    /** The signature verified but local policy does not accept it, such as {@code l=} leaving part of the body unsigned. */
    POLICY,
    /** Not decided, for now: the key could not be looked up (DNS timeout, SERVFAIL). Retry later; never a pass. */
    TEMPERROR,
    /** Never verifiable: a malformed signature, a missing, revoked or unusable key, an expired signature. */
    PERMERROR;

    /** @return the RFC 8601 keyword, such as {@code pass} or {@code temperror} */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
