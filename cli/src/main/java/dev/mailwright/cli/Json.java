package dev.mailwright.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;

/**
 * The command-line tool's JSON, through jackson-jr: every {@code --json} document is written here,
 * and notification files and JSON transcripts are read here. Values are trees of maps (keys in
 * iteration order), lists, strings, numbers, booleans and nulls.
 */
final class Json {
    private static final JSON WRITER = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    private static final JSON READER = JSON.std.with(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(JSON.Feature.READ_ONLY).without(JSON.Feature.USE_DEFERRED_MAPS);

    private Json() {
    }

    /**
     * @param value a tree of maps, collections, strings, numbers, booleans and nulls
     * @return compact JSON text on one line
     * @throws IllegalArgumentException for a value of another type
     */
    static String write(Object value) {
        try {
            return WRITER.asString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param text JSON text
     * @return the value: maps, lists, strings, integers (Integer, Long or BigInteger), BigDecimal
     *     for fractions, booleans, and null for JSON null
     * @throws IllegalArgumentException naming the line and column of malformed JSON
     */
    static Object read(String text) {
        try {
            return READER.anyFrom(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("invalid JSON" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""),
                    e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JSON: " + e.getMessage(), e);
        }
    }
}
