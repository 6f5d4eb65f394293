package dev.mailwright.core.auth;

import java.util.Objects;

/**
 * What the DMARC evaluation of one message found.
 *
 * @param result the result
 * @param fromDomain the From domain, lower case; "" when the message has none usable
 * @param policyDomain where the policy was found, "" when none
 * @param policy the policy that applies to the From domain ({@code p}, or {@code sp} for a
 *     subdomain): none, quarantine or reject; "" when there is no policy
 * @param spfAligned whether SPF passed for a domain aligned with the From domain
 * @param dkimAligned whether a DKIM signature passed for a domain aligned with the From domain
 * @param testing whether the policy record is in test mode ({@code t=y})
 * @param reason why, in a few words
 */
public record DmarcVerdict(DmarcResult result, String fromDomain, String policyDomain, String policy, boolean spfAligned,
        boolean dkimAligned, boolean testing, String reason) {
    /** Validates: no null component. */
    public DmarcVerdict {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(fromDomain, "fromDomain");
        Objects.requireNonNull(policyDomain, "policyDomain");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return true for {@link DmarcResult#PASS} */
    public boolean isPass() {
        return result == DmarcResult.PASS;
    }

    /**
     * @return what the domain owner asks the receiver to do with this message: {@code none} unless
     *     the result is a failure, then the policy, one step less strict in test mode
     *     ({@code reject} becomes {@code quarantine}, {@code quarantine} becomes {@code none})
     */
    public String disposition() {
        if (result != DmarcResult.FAIL || policy.isEmpty()) {
            return "none";
        }
        if (!testing) {
            return policy;
        }
        return policy.equals("reject") ? "quarantine" : "none";
    }
}
