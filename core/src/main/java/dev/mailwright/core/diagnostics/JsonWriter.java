package dev.mailwright.core.diagnostics;

import dev.mailwright.core.Finding;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A minimal streaming JSON writer (objects, arrays, strings, numbers, booleans, null) so that the
 * diagnostics report and other modules' renderers (transcripts) print JSON the same way without a
 * JSON library. Output is compact and deterministic: keys appear in the order they are written.
 * Not thread-safe; one instance per document.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private final Deque<Boolean> first = new ArrayDeque<>();
    private boolean afterName;

    /** Starts an empty document. */
    public JsonWriter() {
        // nothing to set up
    }

    /** @return {@code {"a":1}}-style text of what was written so far */
    @Override
    public String toString() {
        return out.toString();
    }

    /** Opens an object. @return this */
    public JsonWriter beginObject() {
        separate();
        out.append('{');
        first.push(true);
        return this;
    }

    /** Closes the current object. @return this */
    public JsonWriter endObject() {
        first.pop();
        out.append('}');
        return this;
    }

    /** Opens an array. @return this */
    public JsonWriter beginArray() {
        separate();
        out.append('[');
        first.push(true);
        return this;
    }

    /** Closes the current array. @return this */
    public JsonWriter endArray() {
        first.pop();
        out.append(']');
        return this;
    }

    /** @param name the next member's name @return this */
    public JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /** @param value a string, or null @return this */
    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    /** @param value a number @return this */
    public JsonWriter value(long value) {
        separate();
        out.append(value);
        return this;
    }

    /** @param value a number; NaN and the infinities, which JSON cannot hold, become null @return this */
    public JsonWriter value(double value) {
        separate();
        out.append(Double.isFinite(value) ? Double.toString(value) : "null");
        return this;
    }

    /** @param value a boolean @return this */
    public JsonWriter value(boolean value) {
        separate();
        out.append(value);
        return this;
    }

    /** Writes {@code "name": "value"}. @return this */
    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    /** Writes {@code "name": value}. @return this */
    public JsonWriter member(String name, long value) {
        return name(name).value(value);
    }

    /** Writes {@code "name": value}. @return this */
    public JsonWriter member(String name, boolean value) {
        return name(name).value(value);
    }

    /** Writes {@code "name": ["a", "b"]}. @return this */
    public JsonWriter member(String name, List<String> values) {
        name(name).beginArray();
        values.forEach(this::value);
        return endArray();
    }

    /** Writes {@code "name": {"k": "v"}} keeping the map's order. @return this */
    public JsonWriter member(String name, Map<String, String> values) {
        name(name).beginObject();
        values.forEach(this::member);
        return endObject();
    }

    /**
     * Writes findings as an array of {@code {"severity","code","message","remedy","evidence"}}
     * objects, the one JSON form of findings in every Mailwright report.
     *
     * @param findings the findings
     * @return this
     */
    public JsonWriter findings(List<Finding> findings) {
        beginArray();
        for (Finding f : findings) {
            beginObject().member("severity", f.severity().name()).member("code", f.code()).member("message", f.message())
                    .member("remedy", f.remedy()).member("evidence", f.evidence()).endObject();
        }
        return endArray();
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first.isEmpty()) {
            if (first.peek()) {
                first.pop();
                first.push(false);
            } else {
                out.append(',');
            }
        }
    }

    private void quote(String s) {
        appendString(out, s);
    }

    /**
     * @param s a string
     * @return its JSON string literal, quotes included: for renderers that lay out their own JSON
     *     (pretty-printed reports) but must escape exactly as every other JSON Mailwright prints
     */
    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        appendString(b, s);
        return b.toString();
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
