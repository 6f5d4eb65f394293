package dev.mailwright.smtp.transcript;

import dev.mailwright.core.AuthMethod;
import dev.mailwright.core.EmailSettings;
import dev.mailwright.core.smtp.FailureClass;
import dev.mailwright.core.smtp.FailureClassifier;
import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.smtp.internal.transcript.ConversationWalker;
import java.time.Instant;
import java.util.Objects;

/**
 * Reads a transcript — one Mailwright captured, or one pasted from a GitHub Enterprise support
 * bundle in the seed's format — and says in plain words what happened and what went wrong:
 * the connection opened, TLS established, the authentication type used, and the failure
 * classified into a {@link FailureClass} (by core's {@link FailureClassifier}, as a failed send
 * is) with its remedy and the lines that show it. Stateless and thread-safe.
 *
 * <pre>{@code
 * Diagnosis d = TranscriptAnalyzer.standard().analyze(Transcript.parse(text));
 * d.failure().ifPresent(f -> System.out.println(f.code() + ": " + f.remedy()));
 * }</pre>
 */
public final class TranscriptAnalyzer {
    /** The note a TLS probe adds when a port that sent no greeting answers a TLS handshake. */
    public static final String TLS_PROBE_ANSWERED = "TLS probe: the port answered a TLS handshake";
    /**
     * The start of the note a test email puts first in its transcript to say what its settings
     * meant to do, so that analysing the saved transcript later reaches the test email's verdict.
     */
    public static final String CLIENT_SETTINGS = "Client settings:";

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

        /**
         * @param time when
         * @return the note that records these expectations in a transcript
         *     ({@code Client settings: TLS required, authentication wanted}); the analyzer reads it back
         */
        public TranscriptEvent.Note toNote(Instant time) {
            return new TranscriptEvent.Note(time, CLIENT_SETTINGS + " TLS " + (tlsRequired ? "required" : "optional")
                    + ", authentication " + (authWanted ? "wanted" : "not wanted"));
        }

        /**
         * @param note the text of a note made by {@link #toNote(Instant)}
         * @return the expectations it records; {@link #NONE} for another text
         */
        public static Expectations fromNote(String note) {
            if (!note.startsWith(CLIENT_SETTINGS)) {
                return NONE;
            }
            return new Expectations(note.contains("TLS required"), note.contains("authentication wanted"));
        }
    }
}
