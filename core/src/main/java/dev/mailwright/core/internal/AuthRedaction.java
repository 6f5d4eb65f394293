package dev.mailwright.core.internal;

import java.util.Locale;
import java.util.Objects;

/**
 * The SMTP authentication exchange as a redactor follows it, and the placeholders that replace
 * what the client sent: the one implementation behind both the transcript capture
 * ({@code TranscriptRecorder}, which knows who sent each line) and the support bundle's credential
 * redaction ({@code CredentialRedactor}, which reads free-form logs and guesses). After
 * {@code AUTH <mechanism>}, each client response (and the initial response on the AUTH line) is
 * a credential, until the server answers with anything but {@code 334}. Not thread-safe.
 */
public final class AuthRedaction {
    /** The prefix of every placeholder. */
    public static final String PREFIX = "[redacted: ";

    private String mechanism;
    private int step;
    private boolean challenged;

    /**
     * The client sent {@code AUTH <mechanism>}.
     *
     * @param mechanism the SASL mechanism, any case
     * @param initialResponse whether the AUTH line carries an initial response
     * @return the placeholder for that initial response, or null without one
     */
    public String auth(String mechanism, boolean initialResponse) {
        this.mechanism = Objects.requireNonNull(mechanism, "mechanism").toUpperCase(Locale.ROOT);
        this.step = 0;
        this.challenged = false;
        return initialResponse ? placeholder(this.mechanism, step++) : null;
    }

    /** @return the mechanism of the exchange under way, upper case, or null outside one */
    public String mechanism() {
        return mechanism;
    }

    /**
     * The server sent a final reply line: a {@code 334} asks for a response, anything else ends
     * the exchange.
     *
     * @param code the reply code
     */
    public void reply(int code) {
        if (mechanism != null) {
            challenged = code == 334;
            if (!challenged) {
                mechanism = null;
            }
        }
    }

    /**
     * @param afterChallengeOnly true when only a line after a {@code 334} counts (free text, where
     *     other lines may come between), false when every client line inside the exchange does
     * @return whether a client line now is a response to redact
     */
    public boolean expectsResponse(boolean afterChallengeOnly) {
        return mechanism != null && (challenged || !afterChallengeOnly);
    }

    /** @return the placeholder for the client's next response; call when {@link #expectsResponse} */
    public String response() {
        challenged = false;
        return placeholder(mechanism, step++);
    }

    /**
     * @param mechanism the SASL mechanism, upper case
     * @param step 0 for the first client response (or the initial response), 1 for the next...
     * @return the placeholder, such as {@code [redacted: AUTH LOGIN password]}
     */
    public static String placeholder(String mechanism, int step) {
        String what = switch (mechanism) {
            case "LOGIN" -> step == 0 ? "user name" : step == 1 ? "password" : "response";
            case "PLAIN" -> step == 0 ? "credentials (user name and password)" : "response";
            case "XOAUTH2", "OAUTHBEARER" -> step == 0 ? "token" : "response";
            default -> "response";
        };
        return PREFIX + "AUTH " + mechanism + " " + what + "]";
    }
}
