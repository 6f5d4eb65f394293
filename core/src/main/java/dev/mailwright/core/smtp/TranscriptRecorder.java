package dev.mailwright.core.smtp;

import dev.mailwright.core.internal.AuthRedaction;
import dev.mailwright.core.smtp.TranscriptEvent.Direction;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the lines of one SMTP conversation into {@link TranscriptEvent}s, applying the options:
 * AUTH payloads become placeholders that say what was removed (whatever the case or spacing of
 * the AUTH command, and also when the initial response is on the AUTH line), and the body after
 * DATA is counted instead of kept. The one recorder of every transcript: a live capture of a send,
 * a port probe's conversation, and a parsed text, so that each is redacted the same way.
 * Not thread-safe: callers synchronize.
 *
 * <pre>{@code
 * List<TranscriptEvent> events = new ArrayList<>();
 * TranscriptRecorder r = new TranscriptRecorder(TranscriptOptions.defaults(), events::add);
 * r.server("220 mx.example.com ESMTP", clock.instant());
 * r.client("EHLO ghe.example.com", clock.instant());
 * Transcript t = new Transcript(events);
 * }</pre>
 */
public final class TranscriptRecorder {
    private static final Pattern AUTH = Pattern.compile("(?i)^\\s*AUTH\\s+([A-Z0-9_-]+)(?:\\s+(\\S.*?))?\\s*$");
    private static final Pattern DATA = Pattern.compile("(?i)^\\s*DATA\\s*$");
    /** The prefix of every placeholder. */
    public static final String REDACTED_PREFIX = AuthRedaction.PREFIX;

    private final TranscriptOptions options;
    private final Consumer<TranscriptEvent> sink;
    private final AuthRedaction auth = new AuthRedaction();
    private boolean dataRequested;
    private boolean inData;
    private boolean inHeaders;
    private int omittedLines;
    private long omittedBytes;

    /**
     * @param options what to keep
     * @param sink receives the events in order
     */
    public TranscriptRecorder(TranscriptOptions options, Consumer<TranscriptEvent> sink) {
        this.options = Objects.requireNonNull(options, "options");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Records a line the server sent.
     *
     * @param line the line, without CRLF
     * @param time when it arrived
     */
    public void server(String line, Instant time) {
        sink.accept(new TranscriptEvent.Line(time, Direction.SERVER, line, false));
        if (line.length() >= 3 && (line.length() == 3 || line.charAt(3) == ' ')) {
            int code = SmtpReply.code(line);
            auth.reply(code);
            if (dataRequested) {
                dataRequested = false;
                inData = code == 354;
                inHeaders = inData;
            }
        }
    }

    /**
     * Records a line the client sent, redacting it when it carries credentials.
     *
     * @param line the line, without CRLF
     * @param time when it was sent
     */
    public void client(String line, Instant time) {
        if (inData) {
            dataLine(line, time);
            return;
        }
        if (auth.expectsResponse(false)) {
            emitClient(time, line, auth.response());
            return;
        }
        Matcher m = AUTH.matcher(line);
        if (m.matches()) {
            String initial = auth.auth(m.group(1), m.group(2) != null);
            if (initial != null) {
                emitClient(time, line, "AUTH " + auth.mechanism() + " " + initial);
                return;
            }
        } else if (DATA.matcher(line).matches()) {
            dataRequested = true;
        }
        sink.accept(new TranscriptEvent.Line(time, Direction.CLIENT, line, false));
    }

    /**
     * Records any other event (connection, TLS, error, close, note).
     *
     * @param event the event
     */
    public void event(TranscriptEvent event) {
        sink.accept(event);
    }

    private void emitClient(Instant time, String line, String placeholder) {
        if (options.redactCredentials()) {
            sink.accept(new TranscriptEvent.Line(time, Direction.CLIENT, placeholder, true));
        } else {
            sink.accept(new TranscriptEvent.Line(time, Direction.CLIENT, line, false));
        }
    }

    private void dataLine(String line, Instant time) {
        if (line.equals(".")) {
            if (omittedLines > 0) {
                sink.accept(new TranscriptEvent.BodyOmitted(time, omittedLines, omittedBytes));
            }
            omittedLines = 0;
            omittedBytes = 0;
            inData = false;
            inHeaders = false;
        } else if (inHeaders) {
            inHeaders = !line.isEmpty();
        } else if (!options.keepBody()) {
            omittedLines++;
            omittedBytes += line.length() + 2L;
            return;
        }
        sink.accept(new TranscriptEvent.Line(time, Direction.CLIENT, line, false));
    }
}
