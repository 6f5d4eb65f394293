package dev.mailwright.core.auth;

import java.util.Objects;

/**
 * What a DMARC policy lookup found for a domain ({@link dev.mailwright.core.spi.DmarcPolicyLookup}).
 */
public sealed interface DmarcDiscovery {

    /**
     * A policy applies.
     *
     * @param policyDomain where the record was found: the domain itself or an ancestor
     * @param record the record
     * @param organizationalDomain the domain's organizational domain, for relaxed alignment
     */
    record Found(String policyDomain, DmarcRecord record, String organizationalDomain) implements DmarcDiscovery {
        /** Validates. */
        public Found {
            Objects.requireNonNull(policyDomain, "policyDomain");
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(organizationalDomain, "organizationalDomain");
        }
    }

    /**
     * No DMARC record applies to the domain.
     *
     * @param organizationalDomain the domain's organizational domain (the domain itself when no
     *     record was found on its way up)
     */
    record NotFound(String organizationalDomain) implements DmarcDiscovery {
        /** Validates. */
        public NotFound {
            Objects.requireNonNull(organizationalDomain, "organizationalDomain");
        }
    }

    /**
     * DNS did not answer in time: the verdict is a temperror, never a pass.
     *
     * @param reason what happened
     */
    record TempFail(String reason) implements DmarcDiscovery {
        /** Validates. */
        public TempFail {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** @return the organizational domain, or null after a temporary failure */
    default String organizationalDomainOrNull() {
        if (this instanceof Found f) {
            return f.organizationalDomain();
        }
        return this instanceof NotFound n ? n.organizationalDomain() : null;
    }
}
