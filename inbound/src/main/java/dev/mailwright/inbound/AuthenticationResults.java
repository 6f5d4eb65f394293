package dev.mailwright.inbound;

import dev.mailwright.inbound.internal.AuthResultsParser;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the receiving server recorded in {@code Authentication-Results} (RFC 8601) about the
 * reply: the DKIM, SPF and DMARC results of the topmost header written under an authserv-id the
 * host trusts ({@link InboundPipeline.Builder#trustedAuthServIds}); anyone can write such a
 * header into a message, so results under any other id are ignored (RFC 8601 section 5). A
 * result is {@code none} when no trusted header or the method is absent.
 *
 * @param authServId the authentication service identifier, or empty when there was no header
 * @param dkim the DKIM result: pass, fail, neutral, none, ...
 * @param spf the SPF result
 * @param dmarc the DMARC result
 */
public record AuthenticationResults(String authServId, String dkim, String spf, String dmarc) {
    /** No header at all. */
    public static final AuthenticationResults NONE = new AuthenticationResults("", "none", "none", "none");

    /** Validates the fields. */
    public AuthenticationResults {
        Objects.requireNonNull(authServId, "authServId");
        Objects.requireNonNull(dkim, "dkim");
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(dmarc, "dmarc");
    }

    /**
     * Reads the topmost header whatever its authserv-id: use it only on headers already known to be
     * written by a trusted server; {@link #parse(List, Set)} picks the trusted one.
     *
     * @param headerValues the values of the {@code Authentication-Results} headers, topmost first
     * @return the results of the topmost header, or {@link #NONE}
     */
    public static AuthenticationResults parse(List<String> headerValues) {
        return AuthResultsParser.parse(headerValues);
    }

    /**
     * @param headerValues the values of the {@code Authentication-Results} headers, topmost first
     * @param trustedAuthServIds the authserv-ids whose results are believed (case-insensitive)
     * @return the results of the topmost header under a trusted authserv-id, or {@link #NONE}
     */
    public static AuthenticationResults parse(List<String> headerValues, Set<String> trustedAuthServIds) {
        Set<String> lower = new java.util.HashSet<>();
        trustedAuthServIds.forEach(id -> lower.add(id.strip().toLowerCase(java.util.Locale.ROOT)));
        return AuthResultsParser.parse(headerValues, lower);
    }

    /** @return true when DMARC passed, or DKIM or SPF passed without a DMARC verdict */
    public boolean aligned() {
        return dmarc.equals("pass") || (dmarc.equals("none") && (dkim.equals("pass") || spf.equals("pass")));
    }
}
