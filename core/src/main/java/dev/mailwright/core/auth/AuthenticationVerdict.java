package dev.mailwright.core.auth;

import dev.mailwright.core.dkim.DkimVerification;
import java.util.Objects;

/**
 * SPF, DKIM and DMARC for one message, and the {@code Authentication-Results} field that records them.
 *
 * @param spf the SPF verdict
 * @param dkim the DKIM verification
 * @param dmarc the DMARC verdict
 * @param authenticationResults the value of an {@code Authentication-Results} field (RFC 8601), on
 *     one line: {@code mx.example.com; spf=pass smtp.mailfrom=...; dkim=pass header.d=...; dmarc=pass ...}
 */
public record AuthenticationVerdict(SpfVerdict spf, DkimVerification dkim, DmarcVerdict dmarc, String authenticationResults) {
    /** Validates: no null component. */
    public AuthenticationVerdict {
        Objects.requireNonNull(spf, "spf");
        Objects.requireNonNull(dkim, "dkim");
        Objects.requireNonNull(dmarc, "dmarc");
        Objects.requireNonNull(authenticationResults, "authenticationResults");
    }

    /** @return the whole header field, {@code Authentication-Results: <value>}, without line end */
    public String headerField() {
        return "Authentication-Results: " + authenticationResults;
    }
}
