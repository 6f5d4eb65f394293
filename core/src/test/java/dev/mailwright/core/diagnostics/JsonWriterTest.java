package dev.mailwright.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void writesNestedValuesWithEscapes() {
        String json = new JsonWriter().beginObject().member("s", "a\"b\\c\r\n\u0001").member("n", 5).member("b", true)
                .member("nil", (String) null).member("l", List.of("x", "y")).member("m", Map.of("k", "v"))
                .name("empty").beginArray().endArray().endObject().toString();

        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\r\\n\\u0001\",\"n\":5,\"b\":true,\"nil\":null,\"l\":[\"x\",\"y\"],"
                + "\"m\":{\"k\":\"v\"},\"empty\":[]}");
    }

    @Test
    void writesFractionsAndNullForWhatJsonCannotHold() {
        String json = new JsonWriter().beginArray().value(0.75).value(1.0).value(Double.NaN)
                .value(Double.POSITIVE_INFINITY).endArray().toString();

        assertThat(json).isEqualTo("[0.75,1.0,null,null]");
    }

    @Test
    void string_isTheSameLiteralTheWriterWrites() {
        String tricky = "a\"b\\c\r\n\t\u0001\u2028é✓";
        assertThat(JsonWriter.string(tricky)).isEqualTo("\"a\\\"b\\\\c\\r\\n\\t\\u0001\\u2028é✓\"");
        assertThat(new JsonWriter().value(tricky).toString()).isEqualTo(JsonWriter.string(tricky));
    }
}
