package dev.mailwright.core.dkim;

import java.util.Objects;

/**
 * What the verification of one DKIM-Signature field found.
 *
 * @param result pass, fail, policy, temperror or permerror
 * @param domain the signing domain {@code d=}, lower case; "" when the field was too malformed to tell
 * @param selector the selector {@code s=}; "" when unknown
 * @param algorithm the {@code a=} value, such as {@code rsa-sha256}; "" when unknown
 * @param headerB the first 8 characters of {@code b=}, to tell signatures apart (RFC 6008); "" when unknown
 * @param reason why, in a few words ("body hash did not verify"); "" for a plain pass
 */
public record DkimSignatureResult(DkimResult result, String domain, String selector, String algorithm, String headerB,
        String reason) {
    /** Validates: no null component. */
    public DkimSignatureResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(headerB, "headerB");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return true for {@link DkimResult#PASS} */
    public boolean isPass() {
        return result == DkimResult.PASS;
    }

    /** @return for example {@code pass (d=example.com s=s1 a=rsa-sha256)} or {@code fail (d=... ): body hash did not verify} */
    @Override
    public String toString() {
        return result.keyword() + " (d=" + domain + " s=" + selector + " a=" + algorithm + ")"
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
