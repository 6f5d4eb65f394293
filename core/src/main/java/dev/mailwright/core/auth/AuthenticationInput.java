package dev.mailwright.core.auth;

import dev.mailwright.core.dkim.DkimVerification;
import java.net.InetAddress;
import java.util.Objects;

/**
 * What a receiving server knows of a message: the connection, the envelope, and the message (raw,
 * to read its From domain and verify its DKIM signatures) or its From domain and a DKIM
 * verification already made.
 *
 * @param clientIp the address the message came from
 * @param helo the HELO/EHLO name, "" when none
 * @param mailFrom the envelope sender, "" for the null sender
 * @param message the raw message, or null when {@code fromDomain} and {@code dkim} are given
 * @param fromDomain the From domain, or null to read it from {@code message}
 * @param dkim the DKIM verification, or null to verify {@code message}
 */
public record AuthenticationInput(InetAddress clientIp, String helo, String mailFrom, byte[] message, String fromDomain,
        DkimVerification dkim) {
    /** Validates: a message, or both a From domain and a DKIM verification. */
    public AuthenticationInput {
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(mailFrom, "mailFrom");
        if (message == null && (fromDomain == null || dkim == null)) {
            throw new IllegalArgumentException("give the raw message, or both the From domain and the DKIM verification");
        }
    }

    /**
     * @param clientIp the address the message came from
     * @param helo the HELO/EHLO name, "" when none
     * @param mailFrom the envelope sender, "" for the null sender
     * @param message the raw message; its From domain is read and its signatures verified
     * @return the input
     */
    public static AuthenticationInput of(InetAddress clientIp, String helo, String mailFrom, byte[] message) {
        return new AuthenticationInput(clientIp, helo, mailFrom, Objects.requireNonNull(message, "message"), null, null);
    }

    /**
     * @param clientIp the address the message came from
     * @param helo the HELO/EHLO name, "" when none
     * @param mailFrom the envelope sender, "" for the null sender
     * @param fromDomain the From domain, already read
     * @param dkim the DKIM verification, already made
     * @return the input
     */
    public static AuthenticationInput of(InetAddress clientIp, String helo, String mailFrom, String fromDomain,
            DkimVerification dkim) {
        return new AuthenticationInput(clientIp, helo, mailFrom, null, Objects.requireNonNull(fromDomain, "fromDomain"),
                Objects.requireNonNull(dkim, "dkim"));
    }

    /** @return the connection and envelope, never the message */
    @Override
    public String toString() {
        return "AuthenticationInput[" + clientIp.getHostAddress() + ", helo=" + helo + ", mailFrom=" + mailFrom
                + (message == null ? ", from domain " + fromDomain : ", " + message.length + " bytes") + "]";
    }
}
