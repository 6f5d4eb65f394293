package dev.mailwright.core.internal;

import java.util.Collection;
import java.util.Map;

/**
 * The one small JSON writer of the libraries: writes a tree of maps (keys as strings, in iteration
 * order), collections, strings, whole numbers, booleans and nulls, compact or indented. Used only
 * for the support bundle's {@code report.json}; the command-line tool uses jackson-jr
 * (docs/performance.md says why). Not exported.
 */
public final class Json {
    private Json() {
    }

    /**
     * @param tree the value
     * @param indent pretty-print with two spaces per level
     * @return the JSON text
     * @throws IllegalArgumentException for a value of another type
     */
    public static String write(Object tree, boolean indent) {
        StringBuilder out = new StringBuilder(256);
        write(tree, out, indent ? 0 : -1);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Map<?, ?> map) {
            container(out, '{', '}', map.entrySet(), depth, (e, d) -> {
                string(String.valueOf(((Map.Entry<?, ?>) e).getKey()), out);
                out.append(d < 0 ? ":" : ": ");
                write(((Map.Entry<?, ?>) e).getValue(), out, d);
            });
        } else if (value instanceof Collection<?> list) {
            container(out, '[', ']', list, depth, (o, d) -> write(o, out, d));
        } else if (value instanceof CharSequence s) {
            string(s.toString(), out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof Boolean) {
            out.append(value);
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private interface Member {
        void write(Object item, int depth);
    }

    private static void container(StringBuilder out, char open, char close, Collection<?> items, int depth, Member m) {
        out.append(open);
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "" : ",");
            newline(out, depth < 0 ? -1 : depth + 1);
            m.write(item, depth < 0 ? -1 : depth + 1);
            first = false;
        }
        if (!first) {
            newline(out, depth);
        }
        out.append(close);
    }

    private static void newline(StringBuilder out, int depth) {
        if (depth >= 0) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private static void string(String s, StringBuilder out) {
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
