package dev.mailwright.cli;

import dev.mailwright.core.diagnostics.JsonWriter;
import java.util.Collection;
import java.util.Map;

/**
 * Writes the CLI's {@code --json} documents given as nested maps and collections, through core's
 * {@link JsonWriter} so that every Mailwright JSON is escaped the same way.
 */
public final class Json {
    private Json() {
    }

    /**
     * @param value a Map (keys as strings, in iteration order), a Collection, a CharSequence, an
     *     integral Number, a Boolean or null
     * @return compact JSON text
     * @throws IllegalArgumentException for a value of another type
     */
    public static String write(Object value) {
        JsonWriter out = new JsonWriter();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, JsonWriter out) {
        if (value == null) {
            out.value((String) null);
        } else if (value instanceof Map<?, ?> map) {
            out.beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.name(String.valueOf(e.getKey()));
                write(e.getValue(), out);
            }
            out.endObject();
        } else if (value instanceof Collection<?> list) {
            out.beginArray();
            for (Object o : list) {
                write(o, out);
            }
            out.endArray();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            out.value(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            out.value(b.booleanValue());
        } else if (value instanceof CharSequence) {
            out.value(value.toString());
        } else {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }
}
