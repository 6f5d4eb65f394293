package dev.mailwright.smtp.transcript;

import dev.mailwright.smtp.internal.transcript.TranscriptJson;
import dev.mailwright.smtp.internal.transcript.TranscriptText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recorded SMTP conversation: every event of one or more connections, in order, already
 * redacted. Immutable. Render it with {@link #toText()} (the seed's format, as in a GitHub
 * Enterprise support bundle), {@link #toSeedText()} (the seed's lines only) or {@link #toJson()};
 * read one back with {@link #parse(String)}; explain it with {@link TranscriptAnalyzer}.
 *
 * @param events the events in order
 */
public record Transcript(List<TranscriptEvent> events) {

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

    /** @return the transcript as a JSON object {@code {"events":[...]}} for programs */
    public String toJson() {
        return TranscriptJson.render(this);
    }

    /**
     * Reads a transcript in the seed's format (or {@link #toText()}'s), or Mailwright's JSON when
     * the text starts with <code>{</code>. Lines that are not part of the conversation become
     * {@link TranscriptEvent.Note}s. Credentials found in the text are redacted as in a capture.
     *
     * @param text the transcript
     * @return the transcript
     * @throws IllegalArgumentException when JSON is malformed, naming the position
     */
    public static Transcript parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        if (t.startsWith("{")) {
            return TranscriptJson.parse(t);
        }
        return TranscriptText.parse(text, TranscriptOptions.defaults());
    }

    /** @return the rendered text; {@link #toText()} */
    @Override
    public String toString() {
        return toText();
    }
}
