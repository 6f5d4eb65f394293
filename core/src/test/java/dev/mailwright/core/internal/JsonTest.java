package dev.mailwright.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesNestedValuesWithEscapes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\r\n\u0001");
        m.put("n", 5);
        m.put("b", true);
        m.put("nil", null);
        m.put("l", List.of("x", "y"));
        m.put("m", Map.of("k", "v"));
        m.put("empty", List.of());

        assertThat(Json.write(m, false)).isEqualTo("{\"s\":\"a\\\"b\\\\c\\r\\n\\u0001\",\"n\":5,\"b\":true,\"nil\":null,"
                + "\"l\":[\"x\",\"y\"],\"m\":{\"k\":\"v\"},\"empty\":[]}");
    }

    @Test
    void indents_withTwoSpacesPerLevel() {
        assertThat(Json.write(Map.of("a", List.of(1L, 2L)), true)).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    }

    @Test
    void escapesLineSeparatorsAndKeepsOtherUnicode() {
        assertThat(Json.write("a\"b\\c\r\n\t\u0001\u2028é✓", false)).isEqualTo("\"a\\\"b\\\\c\\r\\n\\t\\u0001\\u2028é✓\"");
    }

    @Test
    void refusesWhatItCannotWrite() {
        assertThatThrownBy(() -> Json.write(new Object(), false)).hasMessageContaining("java.lang.Object");
    }
}
