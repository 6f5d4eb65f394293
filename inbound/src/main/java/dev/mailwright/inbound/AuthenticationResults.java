package dev.mailwright.inbound;

import dev.mailwright.inbound.internal.AuthResultsParser;
import java.util.List;
import java.util.Objects;

/**
 * What the receiving server recorded in {@code Authentication-Results} (RFC 8601) about the
 * reply: the DKIM, SPF and DMARC results of the first header (the one the receiving server
 * added on top). A result is {@code none} when the header or the method is absent.
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
     * @param headerValues the values of the {@code Authentication-Results} headers, topmost first
     * @return the results of the topmost header, or {@link #NONE}
     */
    public static AuthenticationResults parse(List<String> headerValues) {
        return AuthResultsParser.parse(headerValues);
    }

    /** @return true when DMARC passed, or DKIM or SPF passed without a DMARC verdict */
    public boolean aligned() {
        return dmarc.equals("pass") || (dmarc.equals("none") && (dkim.equals("pass") || spf.equals("pass")));
    }
}
