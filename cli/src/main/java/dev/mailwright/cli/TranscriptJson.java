package dev.mailwright.cli;

import dev.mailwright.core.smtp.Transcript;
import dev.mailwright.core.smtp.TranscriptEvent;
import dev.mailwright.core.smtp.TranscriptOptions;
import dev.mailwright.core.smtp.TranscriptRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON form of a transcript the command-line tool prints and reads back:
 * {@code {"events":[{"time":...,"type":"line",...}]}}. It keeps what the text form cannot (every
 * event's time, the connected address). A JSON transcript saved from an earlier version, a test
 * email's JSON result (old or enveloped) and a bare transcript all load.
 */
final class TranscriptJson {
    private TranscriptJson() {
    }

    /** @return the transcript as {@code {"events":[...]}} */
    static Map<String, Object> data(Transcript t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", t.events().stream().map(TranscriptJson::event).toList());
        return m;
    }

    private static Map<String, Object> event(TranscriptEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        if (e instanceof TranscriptEvent.Connected c) {
            m.put("type", "connected");
            m.put("host", c.host());
            m.put("port", c.port());
            m.put("address", c.address());
        } else if (e instanceof TranscriptEvent.Line l) {
            m.put("type", "line");
            m.put("direction", l.direction().name().toLowerCase(Locale.ROOT));
            m.put("text", l.text());
            m.put("redacted", l.redacted());
        } else if (e instanceof TranscriptEvent.TlsStarted s) {
            m.put("type", "tls");
            m.put("protocol", s.protocol());
            m.put("cipherSuite", s.cipherSuite());
            m.put("peerSubject", s.peerSubject());
            m.put("notBefore", s.notBefore() == null ? null : s.notBefore().toString());
            m.put("notAfter", s.notAfter() == null ? null : s.notAfter().toString());
        } else if (e instanceof TranscriptEvent.BodyOmitted b) {
            m.put("type", "body-omitted");
            m.put("lines", b.lines());
            m.put("bytes", b.bytes());
        } else if (e instanceof TranscriptEvent.Error err) {
            m.put("type", "error");
            m.put("stage", err.stage());
            m.put("exception", err.type());
            m.put("message", err.message());
        } else if (e instanceof TranscriptEvent.Closed c) {
            m.put("type", "closed");
            m.put("byServer", c.byServer());
        } else if (e instanceof TranscriptEvent.Note n) {
            m.put("type", "note");
            m.put("text", n.text());
        }
        return m;
    }

    /**
     * @param json a transcript as {@link #data(Transcript)} writes it, or a test email's JSON
     *     result (its {@code transcript} member, inside {@code result} when enveloped)
     * @return the transcript (client lines redacted again, in case the JSON was edited by hand)
     * @throws IllegalArgumentException naming what is wrong
     */
    static Transcript parse(String json) {
        Object root = Json.read(json);
        if (root instanceof Map<?, ?> envelope && envelope.get("result") instanceof Map<?, ?> result) {
            root = result;
        }
        if (root instanceof Map<?, ?> result && result.get("transcript") instanceof Map<?, ?> inner) {
            root = inner;
        }
        if (!(root instanceof Map<?, ?> m) || !(m.get("events") instanceof List<?> list)) {
            throw new IllegalArgumentException("A JSON transcript must be an object with an \"events\" array");
        }
        List<TranscriptEvent> events = new ArrayList<>();
        TranscriptRecorder recorder = new TranscriptRecorder(TranscriptOptions.defaults().withKeepBody(true), events::add);
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e)) {
                throw new IllegalArgumentException("Each event must be a JSON object, not " + o);
            }
            read(e, recorder);
        }
        return new Transcript(events);
    }

    private static void read(Map<?, ?> e, TranscriptRecorder recorder) {
        Instant time = Instant.parse(str(e, "time"));
        String type = str(e, "type");
        switch (type) {
            case "connected" -> recorder.event(new TranscriptEvent.Connected(time, str(e, "host"), (int) num(e, "port"),
                    str(e, "address")));
            case "line" -> {
                String text = str(e, "text");
                if ("server".equals(str(e, "direction"))) {
                    recorder.server(text, time);
                } else if (Boolean.TRUE.equals(e.get("redacted"))) {
                    recorder.event(new TranscriptEvent.Line(time, TranscriptEvent.Direction.CLIENT, text, true));
                } else {
                    recorder.client(text, time);
                }
            }
            case "tls" -> recorder.event(new TranscriptEvent.TlsStarted(time, str(e, "protocol"), str(e, "cipherSuite"),
                    str(e, "peerSubject"), instant(e, "notBefore"), instant(e, "notAfter")));
            case "body-omitted" -> recorder.event(new TranscriptEvent.BodyOmitted(time, (int) num(e, "lines"), num(e, "bytes")));
            case "error" -> recorder.event(new TranscriptEvent.Error(time, str(e, "stage"), str(e, "exception"), str(e, "message")));
            case "closed" -> recorder.event(new TranscriptEvent.Closed(time, Boolean.TRUE.equals(e.get("byServer"))));
            case "note" -> recorder.event(new TranscriptEvent.Note(time, str(e, "text")));
            default -> throw new IllegalArgumentException("Unknown event type \"" + type
                    + "\"; expected connected, line, tls, body-omitted, error, closed or note");
        }
    }

    private static String str(Map<?, ?> e, String key) {
        Object v = e.get(key);
        return v == null ? null : v.toString();
    }

    private static long num(Map<?, ?> e, String key) {
        if (e.get(key) instanceof Integer || e.get(key) instanceof Long) {
            return ((Number) e.get(key)).longValue();
        }
        throw new IllegalArgumentException("Event member \"" + key + "\" must be a whole number: " + e);
    }

    private static Instant instant(Map<?, ?> e, String key) {
        String s = str(e, key);
        return s == null ? null : Instant.parse(s);
    }
}
