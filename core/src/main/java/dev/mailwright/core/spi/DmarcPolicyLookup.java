package dev.mailwright.core.spi;

import dev.mailwright.core.auth.DmarcDiscovery;

/**
 * Finds the DMARC policy that applies to a domain and the domain's organizational domain.
 * {@code mailwright-dns-verify} provides one that walks the DNS tree as RFC 9989 describes
 * ({@code DnsDmarcPolicyLookup}): {@code _dmarc.<domain>}, then its ancestors, at most 8 queries,
 * the organizational domain read from the records found ({@code psd=} tags), no public suffix list.
 *
 * <p>Contract: a question that gets no answer in time is {@link DmarcDiscovery.TempFail}, never
 * {@link DmarcDiscovery.NotFound}; nothing is thrown for what DNS returns.
 */
@FunctionalInterface
public interface DmarcPolicyLookup {

    /**
     * @param domain a domain, lower case, without trailing dot
     * @return the policy found, none, or a temporary failure
     */
    DmarcDiscovery discover(String domain);
}
