package dev.mailwright.core.diagnostics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (the JDK has none), the counterpart of {@link JsonWriter}: it reads
 * the notification files of {@code mailwright notify} and the JSON transcripts Mailwright writes.
 * Reading follows RFC 8259 exactly: one value, no comments, no trailing commas, no single quotes,
 * no leading zeros, no control characters inside strings, no duplicate keys, nesting at most 64
 * deep. Objects become insertion-ordered {@code Map<String, Object>}, arrays {@code List<Object>},
 * numbers {@link BigDecimal}, and {@code null} becomes {@link #NULL}. Errors name the line and column.
 *
 * <p>Why hand-written rather than a library: the input is one small file typed by an
 * administrator, where strictness (duplicate keys, trailing commas, comments are errors) and
 * precise positions matter more than speed; a 350-line reader with its tests adds no dependency to
 * the published modules and no version to keep converging with the host's Jackson.
 */
public final class JsonReader {
    /** Stands for JSON {@code null}, since maps here hold no Java null. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * @param text the JSON text
     * @return the value
     * @throws IllegalArgumentException with the line, column and what was expected
     */
    public static Object parse(String text) {
        JsonReader p = new JsonReader(text);
        p.skipSpace();
        Object value = p.value();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the JSON value");
        }
        return value;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input; expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "'; expected a value (object, array, string, number, true, false or null)");
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a string key in double quotes");
            }
            int keyPos = pos;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value();
            if (map.put(key, v) != null) {
                pos = keyPos;
                throw error("duplicate key \"" + key + "\"");
            }
            skipSpace();
            char c = next("',' or '}'");
            if (c == '}') {
                depth--;
                return Collections.unmodifiableMap(map);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' but found '" + c + "'");
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value());
            skipSpace();
            char c = next("',' or ']'");
            if (c == ']') {
                depth--;
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' but found '" + c + "'");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next("a closing '\"'");
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character U+" + String.format("%04X", (int) c) + " inside a string; escape it");
            }
            if (c == '\\') {
                escape(out);
            } else {
                out.append(c);
            }
        }
    }

    private void escape(StringBuilder out) {
        char e = next("an escape character");
        switch (e) {
            case '"', '\\', '/' -> out.append(e);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw error("incomplete \\u escape");
                }
                int cp = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(text.charAt(pos + i), 16);
                    if (d < 0) {
                        throw error("invalid \\u escape: expected 4 hex digits");
                    }
                    cp = cp * 16 + d;
                }
                pos += 4;
                out.append((char) cp);
            }
            default -> {
                pos--;
                throw error("invalid escape '\\" + e + "'");
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
            if (peek() >= '0' && peek() <= '9') {
                throw error("leading zeros are not allowed in numbers");
            }
        } else {
            digits("a digit");
        }
        if (peek() == '.') {
            pos++;
            digits("a digit after '.'");
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits("a digit in the exponent");
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void digits(String what) {
        if (peek() < '0' || peek() > '9') {
            throw error("expected " + what);
        }
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "'; expected " + word);
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next(String expected) {
        if (pos >= text.length()) {
            throw error("unexpected end of input; expected " + expected);
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        char got = next("'" + c + "'");
        if (got != c) {
            pos--;
            throw error("expected '" + c + "' but found '" + got + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new IllegalArgumentException("invalid JSON at line " + line + ", column " + col + ": " + message);
    }
}
