package dev.mailwright.core.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recorded SMTP conversation, line by line: every event of one or more connections, in order,
 * already redacted. The one transcript type of Mailwright: a notification send, a test email and
 * a port probe all record one (through {@link TranscriptRecorder}). Immutable. Its file format is
 * {@link #toText()} (the seed's format, as in a GitHub Enterprise support bundle, plus
 * Mailwright's extra lines), read back with {@link #parse(String)}; {@link #toSeedText()} keeps
 * the seed's lines only. The smtp-client module's {@code TranscriptAnalyzer} explains one.
 *
 * @param events the events in order
 */
public record Transcript(List<TranscriptEvent> events) {
    /** The heading line after which a test email's printed output holds its transcript. */
    public static final String SECTION = "SMTP transcript:";

    /** Copies the list. */
    public Transcript {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    /** @return an empty transcript */
    public static Transcript empty() {
        return new Transcript(List.of());
    }

    /**
     * @param event an event to add at the end
     * @return a new transcript with it
     */
    public Transcript with(TranscriptEvent event) {
        List<TranscriptEvent> copy = new ArrayList<>(events);
        copy.add(Objects.requireNonNull(event, "event"));
        return new Transcript(copy);
    }

    /** @return true when nothing was recorded */
    public boolean isEmpty() {
        return events.isEmpty();
    }

    /**
     * Renders in the seed's format, one event a line: {@code Connection opened: host:port},
     * {@code -> "220 ...\r\n"} (server), {@code <- "EHLO ...\r\n"} (client),
     * {@code TLS connection started}, followed by Mailwright's extra lines (TLS details, errors,
     * close) that {@link #parse(String)} reads back.
     *
     * @return the text, lines separated by {@code \n}
     */
    public String toText() {
        return TranscriptText.render(this, true);
    }

    /** @return only the lines the seed's format has (no TLS details, errors or close lines) */
    public String toSeedText() {
        return TranscriptText.render(this, false);
    }

    /**
     * @param event an event
     * @return its line in {@link #toText()}'s format (two lines for TLS with its details), such as
     *     {@code -> "250 2.0.0 Ok\r\n"}, for findings that quote the conversation as evidence
     */
    public static String lineOf(TranscriptEvent event) {
        return TranscriptText.line(Objects.requireNonNull(event, "event"), true);
    }

    /**
     * Reads a transcript in the seed's format or {@link #toText()}'s. Lines that are not part of
     * the conversation become {@link TranscriptEvent.Note}s. When the text is the printed output
     * of a test email (it has a line {@value #SECTION}), only what follows that line is read, so
     * the findings' evidence lines above it are not taken for a second conversation. Credentials
     * found in the text are redacted as in a capture.
     *
     * @param text the transcript
     * @return the transcript
     * @throws IllegalArgumentException for a JSON document, which only the command-line tool reads
     */
    public static Transcript parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.strip().startsWith("{")) {
            throw new IllegalArgumentException("This transcript is JSON; read it with `mailwright transcript analyze FILE`"
                    + " or save the transcript in its text form (Transcript.toText()) for Transcript.parse");
        }
        return TranscriptText.parse(section(text), TranscriptOptions.defaults());
    }

    private static String section(String text) {
        int at = text.startsWith(SECTION) ? 0 : text.indexOf("\n" + SECTION);
        if (at < 0) {
            return text;
        }
        int start = text.indexOf('\n', at == 0 ? 0 : at + 1);
        return start < 0 ? "" : text.substring(start + 1);
    }

    /** @return the rendered text; {@link #toText()} */
    @Override
    public String toString() {
        return toText();
    }
}
