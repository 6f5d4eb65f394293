package dev.mailwright.core.smtp;

import dev.mailwright.core.smtp.TranscriptEvent.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed's text format: renders events one a line and reads them back. Strings are quoted the
 * way Ruby's {@code inspect} quotes them ({@code "220 ...\r\n"}), as in a GitHub Enterprise
 * support bundle.
 */
final class TranscriptText {
    private static final Pattern OPENED = Pattern.compile("^(?:.*?\\s)?Connection opened: (.+):(\\d{1,5})$");
    private static final Pattern LINE = Pattern.compile("^(?:.*?\\s)?(->|<-) \"(.*)\"$");
    private static final Pattern TLS_DETAILS = Pattern.compile(
            "^TLS details: protocol (\\S*), cipher (\\S*), server certificate \"(.*)\"(?: valid from (\\S+) to (\\S+))?$");
    private static final Pattern BODY = Pattern.compile("^\\[body left out: (\\d+) lines?, (\\d+) bytes\\]$");
    private static final Pattern ERROR = Pattern.compile("^Error \\((\\w+)\\): ([\\w.$]+)(?:: (.*))?$");
    private static final String TLS_STARTED = "TLS connection started";
    private static final String CLOSED_BY_SERVER = "Connection closed by the server";
    private static final String CLOSED = "Connection closed";

    private TranscriptText() {
    }

    /**
     * @param t the transcript
     * @param details also Mailwright's extra lines (TLS details, errors, close, body left out)
     * @return the text
     */
    static String render(Transcript t, boolean details) {
        StringBuilder out = new StringBuilder();
        for (TranscriptEvent e : t.events()) {
            String line = line(e, details);
            if (line != null) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** @return the event's line(s), or null when it has none in this style */
    static String line(TranscriptEvent e, boolean details) {
        if (e instanceof TranscriptEvent.Connected c) {
            return "Connection opened: " + c.host() + ":" + c.port();
        } else if (e instanceof TranscriptEvent.Line l) {
            return (l.direction() == Direction.SERVER ? "-> " : "<- ") + quote(l.text() + "\r\n");
        } else if (e instanceof TranscriptEvent.TlsStarted s) {
            if (!details || s.protocol().isEmpty()) {
                return TLS_STARTED;
            }
            return TLS_STARTED + "\nTLS details: protocol " + s.protocol() + ", cipher " + s.cipherSuite()
                    + ", server certificate \"" + s.peerSubject() + "\""
                    + (s.notBefore() == null ? "" : " valid from " + s.notBefore() + " to " + s.notAfter());
        } else if (e instanceof TranscriptEvent.Note n) {
            return n.text();
        } else if (!details) {
            return null;
        } else if (e instanceof TranscriptEvent.BodyOmitted b) {
            return "[body left out: " + b.lines() + " lines, " + b.bytes() + " bytes]";
        } else if (e instanceof TranscriptEvent.Error err) {
            return "Error (" + err.stage() + "): " + err.type() + (err.message().isEmpty() ? "" : ": " + oneLine(err.message()));
        } else if (e instanceof TranscriptEvent.Closed c) {
            return c.byServer() ? CLOSED_BY_SERVER : CLOSED;
        }
        throw new IllegalStateException("unknown event " + e);
    }

    /**
     * @param text a transcript in the seed's format (or Mailwright's text)
     * @param options redaction applied to the lines read
     * @return the transcript; unknown lines become notes, times are the epoch
     */
    static Transcript parse(String text, TranscriptOptions options) {
        List<TranscriptEvent> events = new ArrayList<>();
        TranscriptRecorder recorder = new TranscriptRecorder(options, events::add);
        Instant t = Instant.EPOCH;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = OPENED.matcher(line)).matches()) {
                recorder.event(new TranscriptEvent.Connected(t, m.group(1), Integer.parseInt(m.group(2)), ""));
            } else if ((m = LINE.matcher(line)).matches()) {
                String content = stripCrlf(unquote(m.group(2)));
                if (m.group(1).equals("->")) {
                    recorder.server(content, t);
                } else {
                    recorder.client(content, t);
                }
            } else if (line.equals(TLS_STARTED) || line.endsWith(" " + TLS_STARTED)) {
                recorder.event(new TranscriptEvent.TlsStarted(t, "", "", "", null, null));
            } else if ((m = TLS_DETAILS.matcher(line)).matches() && !events.isEmpty()
                    && events.get(events.size() - 1) instanceof TranscriptEvent.TlsStarted) {
                events.set(events.size() - 1, new TranscriptEvent.TlsStarted(t, m.group(1), m.group(2), m.group(3),
                        m.group(4) == null ? null : Instant.parse(m.group(4)), m.group(5) == null ? null : Instant.parse(m.group(5))));
            } else if ((m = BODY.matcher(line)).matches()) {
                recorder.event(new TranscriptEvent.BodyOmitted(t, Integer.parseInt(m.group(1)), Long.parseLong(m.group(2))));
            } else if ((m = ERROR.matcher(line)).matches()) {
                recorder.event(new TranscriptEvent.Error(t, m.group(1), m.group(2), m.group(3)));
            } else if (line.equals(CLOSED_BY_SERVER) || line.equals(CLOSED)) {
                recorder.event(new TranscriptEvent.Closed(t, line.equals(CLOSED_BY_SERVER)));
            } else {
                recorder.event(new TranscriptEvent.Note(t, line));
            }
        }
        return new Transcript(events);
    }

    private static String stripCrlf(String s) {
        String r = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return r.endsWith("\r") ? r.substring(0, r.length() - 1) : r;
    }

    private static String oneLine(String s) {
        return s.replace("\r", " ").replace("\n", " ");
    }

    /** @return the text quoted as Ruby's {@code String#inspect} does */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case 0x1b -> out.append("\\e");
                case '#' -> out.append(i + 1 < s.length() && "{$@".indexOf(s.charAt(i + 1)) >= 0 ? "\\#" : "#");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** @return the inverse of {@link #quote(String)} (without the surrounding quotes) */
    static String unquote(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'e' -> out.append((char) 0x1b);
                case 'x' -> {
                    int end = Math.min(i + 3, s.length());
                    out.append((char) Integer.parseInt(s.substring(i + 1, end), 16));
                    i = end - 1;
                }
                case 'u' -> {
                    int end = Math.min(i + 5, s.length());
                    out.append((char) Integer.parseInt(s.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }
}
