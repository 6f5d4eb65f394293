package dev.mailwright.benchmarks.json;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.mailwright.core.internal.Json;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing and reading the JSON Mailwright prints: core's small internal writer against jackson-jr
 * and Parsson (Jakarta JSON-P), on a test email's result with a 60-event transcript (about 9 KB).
 * Reading compares the two libraries only: the hand-written reader is gone either way.
 *
 * <p>Parsson's factories are looked up once, as a careful user would; its {@code Json.createGenerator}
 * looks the provider up through {@code ServiceLoader} on every call, ten times slower here.
 *
 * <p>Run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar JsonBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(1)
public class JsonBenchmark {
    /** Parsson's factories, looked up once (Json.createGenerator looks the provider up on every call). */
    private static final jakarta.json.spi.JsonProvider PROVIDER = jakarta.json.spi.JsonProvider.provider();
    private static final jakarta.json.stream.JsonGeneratorFactory GENERATORS = PROVIDER.createGeneratorFactory(Map.of());
    private static final jakarta.json.JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    /** Which writer. */
    @State(Scope.Benchmark)
    public static class Writing {
        @Param({"internal", "jackson-jr", "parsson"})
        String writer;
        Map<String, Object> document;

        /** Builds the document. */
        @Setup
        public void setup() {
            document = document();
        }
    }

    /** Which reader. */
    @State(Scope.Benchmark)
    public static class Reading {
        @Param({"jackson-jr", "parsson"})
        String reader;
        String text;

        /** Writes the document to read. */
        @Setup
        public void setup() throws IOException {
            text = JSON.std.asString(document());
        }
    }

    static Map<String, Object> document() {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("time", "2026-11-26T10:00:0" + (i % 10) + "Z");
            e.put("type", "line");
            e.put("direction", i % 2 == 0 ? "server" : "client");
            e.put("text", i % 2 == 0 ? "250-smtp.example.com at your service, [192.0.2.7] \"quoted\"" : "RCPT TO:<mona@example.com>");
            e.put("redacted", i == 7);
            events.add(e);
        }
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("severity", "failure");
        finding.put("code", "smtp.rcpt.relay-denied");
        finding.put("message", "the server refused to relay to the recipient (554 5.7.1)");
        finding.put("remedy", "Authenticate (select login or plain), or ask the server's administrator to allow relaying.");
        finding.put("evidence", List.of("-> \"554 5.7.1 <admin@example.net>: Relay access denied\\r\\n\""));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("delivered", false);
        result.put("to", "admin@example.net");
        result.put("tookMillis", 42L);
        result.put("failure", "smtp.rcpt.relay-denied");
        result.put("findings", List.of(finding, finding, finding));
        result.put("transcript", Map.of("events", events));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ok", false);
        envelope.put("command", "test-email");
        envelope.put("result", result);
        envelope.put("problems", List.of());
        return envelope;
    }

    /** @return the document as compact JSON */
    @Benchmark
    public String write(Writing w) throws IOException {
        return switch (w.writer) {
            case "internal" -> Json.write(w.document, false);
            case "jackson-jr" -> JSON.std.asString(w.document);
            default -> parsson(w.document);
        };
    }

    /** @return the document read back into maps and lists */
    @Benchmark
    public Object read(Reading r) throws IOException {
        if (r.reader.equals("jackson-jr")) {
            return JSON.std.anyFrom(r.text);
        }
        try (jakarta.json.JsonReader in = READERS.createReader(new StringReader(r.text))) {
            return in.readValue();
        }
    }

    static String parsson(Object tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = GENERATORS.createGenerator(out)) {
            write(g, null, tree);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, String name, Object value) {
        if (value instanceof Map<?, ?> m) {
            if (name == null) {
                g.writeStartObject();
            } else {
                g.writeStartObject(name);
            }
            m.forEach((k, v) -> write(g, String.valueOf(k), v));
            g.writeEnd();
        } else if (value instanceof Collection<?> c) {
            if (name == null) {
                g.writeStartArray();
            } else {
                g.writeStartArray(name);
            }
            c.forEach(v -> write(g, null, v));
            g.writeEnd();
        } else if (value == null) {
            if (name == null) {
                g.write(JsonValue.NULL);
            } else {
                g.writeNull(name);
            }
        } else if (value instanceof Boolean b) {
            if (name == null) {
                g.write(b);
            } else {
                g.write(name, b);
            }
        } else if (value instanceof Number n) {
            if (name == null) {
                g.write(n.longValue());
            } else {
                g.write(name, n.longValue());
            }
        } else if (name == null) {
            g.write(value.toString());
        } else {
            g.write(name, value.toString());
        }
    }
}
