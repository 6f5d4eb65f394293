package dev.mailwright.smtp.internal.transcript;

import dev.mailwright.core.diagnostics.JsonReader;
import dev.mailwright.core.diagnostics.JsonWriter;
import dev.mailwright.smtp.transcript.Transcript;
import dev.mailwright.smtp.transcript.TranscriptEvent;
import dev.mailwright.smtp.transcript.TranscriptOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Mailwright's JSON form of a transcript: {@code {"events":[{"type":"line",...}]}}. */
public final class TranscriptJson {
    private TranscriptJson() {
    }

    /** @return the transcript as JSON */
    public static String render(Transcript t) {
        JsonWriter w = new JsonWriter().beginObject().name("events").beginArray();
        t.events().forEach(e -> write(w, e));
        return w.endArray().endObject().toString();
    }

    /** Writes one event as a JSON object. */
    public static void write(JsonWriter w, TranscriptEvent e) {
        w.beginObject();
        w.member("time", e.time().toString());
        if (e instanceof TranscriptEvent.Connected c) {
            w.member("type", "connected").member("host", c.host()).member("port", c.port()).member("address", c.address());
        } else if (e instanceof TranscriptEvent.Line l) {
            w.member("type", "line").member("direction", l.direction().name().toLowerCase(java.util.Locale.ROOT))
                    .member("text", l.text()).member("redacted", l.redacted());
        } else if (e instanceof TranscriptEvent.TlsStarted s) {
            w.member("type", "tls").member("protocol", s.protocol()).member("cipherSuite", s.cipherSuite())
                    .member("peerSubject", s.peerSubject())
                    .member("notBefore", s.notBefore() == null ? null : s.notBefore().toString())
                    .member("notAfter", s.notAfter() == null ? null : s.notAfter().toString());
        } else if (e instanceof TranscriptEvent.BodyOmitted b) {
            w.member("type", "body-omitted").member("lines", b.lines()).member("bytes", b.bytes());
        } else if (e instanceof TranscriptEvent.Error err) {
            w.member("type", "error").member("stage", err.stage()).member("exception", err.type()).member("message", err.message());
        } else if (e instanceof TranscriptEvent.Closed c) {
            w.member("type", "closed").member("byServer", c.byServer());
        } else if (e instanceof TranscriptEvent.Note n) {
            w.member("type", "note").member("text", n.text());
        }
        w.endObject();
    }

    /**
     * @param json the output of {@link #render(Transcript)}, or a test-email result's JSON (its
     *     {@code transcript} member is read)
     * @return the transcript (client lines redacted again, in case the JSON was edited by hand)
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Transcript parse(String json) {
        Object root = JsonReader.parse(json);
        if (root instanceof Map<?, ?> result && result.get("transcript") instanceof Map<?, ?> inner) {
            root = inner;
        }
        if (!(root instanceof Map<?, ?> m) || !(m.get("events") instanceof List<?> list)) {
            throw new IllegalArgumentException("A JSON transcript must be an object with an \"events\" array");
        }
        List<TranscriptEvent> events = new ArrayList<>();
        ConversationRecorder recorder = new ConversationRecorder(TranscriptOptions.defaults().withKeepBody(true), events::add);
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> e)) {
                throw new IllegalArgumentException("Each event must be a JSON object, not " + o);
            }
            read(e, recorder);
        }
        return new Transcript(events);
    }

    private static void read(Map<?, ?> e, ConversationRecorder recorder) {
        Instant time = Instant.parse(str(e, "time"));
        String type = str(e, "type");
        switch (type) {
            case "connected" -> recorder.event(new TranscriptEvent.Connected(time, str(e, "host"), (int) num(e, "port"), str(e, "address")));
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
        return v == null || v == JsonReader.NULL ? null : v.toString();
    }

    private static long num(Map<?, ?> e, String key) {
        if (e.get(key) instanceof java.math.BigDecimal n) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException notAWholeNumber) {
                // reported below
            }
        }
        throw new IllegalArgumentException("Event member \"" + key + "\" must be a whole number: " + e);
    }

    private static Instant instant(Map<?, ?> e, String key) {
        String s = str(e, key);
        return s == null ? null : Instant.parse(s);
    }
}
