package dev.mailwright.core.smtp;

/**
 * What a capture keeps. By default credentials are redacted (AUTH PLAIN, LOGIN and XOAUTH2
 * payloads, and every other AUTH exchange) and the message body after the headers is left out.
 * Immutable; derive changed options with the {@code with...} methods.
 *
 * @param redactCredentials replace AUTH payloads with a placeholder; turn off only to debug a
 *     test server whose credentials are worthless
 * @param keepBody keep the message body after DATA (headers are always kept)
 */
public record TranscriptOptions(boolean redactCredentials, boolean keepBody) {

    /** @return credentials redacted, body left out */
    public static TranscriptOptions defaults() {
        return new TranscriptOptions(true, false);
    }

    /** @param keep whether to keep the message body @return changed options */
    public TranscriptOptions withKeepBody(boolean keep) {
        return new TranscriptOptions(redactCredentials, keep);
    }

    /** @param redact whether to redact AUTH payloads @return changed options */
    public TranscriptOptions withRedactCredentials(boolean redact) {
        return new TranscriptOptions(redact, keepBody);
    }
}
