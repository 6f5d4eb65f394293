package dev.mailwright.smtp.transcript;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.smtp.internal.transcript.ConversationWalker;
import java.util.Objects;

/**
 * Reads a transcript — one Mailwright captured, or one pasted from a GitHub Enterprise support
 * bundle in the seed's format — and says in plain words what happened and what went wrong:
 * the connection opened, TLS established, the authentication type used, and the failure
 * classified into a {@link FailureClass} with its remedy and the lines that show it. Stateless
 * and thread-safe.
 *
 * <pre>{@code
 * Diagnosis d = TranscriptAnalyzer.standard().analyze(Transcript.parse(text));
 * System.out.println(d.render());
 * }</pre>
 */
public final class TranscriptAnalyzer {
    /** The note a TLS probe adds when a port that sent no greeting answers a TLS handshake. */
    public static final String TLS_PROBE_ANSWERED = "TLS probe: the port answered a TLS handshake";

    private static final TranscriptAnalyzer STANDARD = new TranscriptAnalyzer();

    private TranscriptAnalyzer() {
    }

    /** @return the analyzer */
    public static TranscriptAnalyzer standard() {
        return STANDARD;
    }

    /**
     * @param transcript the conversation
     * @return the findings, in the order of the conversation
     */
    public Diagnosis analyze(Transcript transcript) {
        return analyze(transcript, Expectations.NONE);
    }

    /**
     * @param transcript the conversation
     * @param expectations what the client meant to do, to explain what did not happen (STARTTLS
     *     required but not offered, authentication wanted but not offered)
     * @return the findings, in the order of the conversation
     */
    public Diagnosis analyze(Transcript transcript, Expectations expectations) {
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(expectations, "expectations");
        return new ConversationWalker(expectations.tlsRequired(), expectations.authWanted()).walk(transcript);
    }

    /**
     * What the client meant to do.
     *
     * @param tlsRequired the settings require TLS (STARTTLS required or implicit TLS)
     * @param authWanted the settings ask for authentication
     */
    public record Expectations(boolean tlsRequired, boolean authWanted) {
        /** Nothing known (a pasted transcript). */
        public static final Expectations NONE = new Expectations(false, false);

        /** @return the expectations the settings imply */
        public static Expectations of(EmailSettings settings) {
            return new Expectations(settings.security().alwaysEncrypted(), settings.auth() != AuthMethod.NONE);
        }
    }
}
