package dev.mailwright.core.auth;

import java.util.Objects;

/**
 * What an SPF check found.
 *
 * @param result the result
 * @param identity {@code mailfrom} when the envelope sender's domain was checked, {@code helo} when
 *     the sender was empty (a bounce) and {@code postmaster@<helo>} was checked instead
 * @param domain the domain checked, lower case; "" when there was none to check
 * @param reason why, in a few words; "" for a plain result
 */
public record SpfVerdict(SpfResult result, String identity, String domain, String reason) {
    /** Validates: no null component, identity {@code mailfrom} or {@code helo}. */
    public SpfVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(reason, "reason");
        if (!"mailfrom".equals(identity) && !"helo".equals(identity)) {
            throw new IllegalArgumentException("SPF identity must be mailfrom or helo, was " + identity);
        }
    }

    /** @return true for {@link SpfResult#PASS} */
    public boolean isPass() {
        return result == SpfResult.PASS;
    }
}
