package dev.mailwright.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonReaderTest {

    @Test
    @SuppressWarnings("unchecked")
    void parse_readsEveryKindOfValue() {
        Object v = JsonReader.parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": \"x\\n\\u00e9\\\"\", \"c\": {}} ");
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat((List<Object>) m.get("a")).containsExactly(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, JsonReader.NULL);
        assertThat(m.get("b")).isEqualTo("x\n\u00e9\"");
        assertThat((Map<?, ?>) m.get("c")).isEmpty();
        assertThat(new java.util.ArrayList<Object>(m.keySet())).containsExactly("a", "b", "c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\": 1,}|line 1, column 9: expected a string key",
        "[1, 2,]|line 1, column 7: unexpected ']'",
        "{'a': 1}|expected a string key",
        "{\"a\": 01}|leading zeros",
        "{\"a\": 1} x|after the JSON value",
        "{\"a\": 1, \"a\": 2}|duplicate key \"a\"",
        "// c\\n{}|line 1, column 1: unexpected '/'",
        "{\"a\": \"\\x\"}|invalid escape",
        "{\"a\": tru}|expected true",
        "{\"a\": .5}|unexpected '.'",
        "{\"a\": 1.}|expected a digit after '.'",
        "\"abc|unexpected end of input",
        "''|unexpected end of input"})
    void parse_isStrict(String json, String message) {
        assertThatThrownBy(() -> JsonReader.parse(json.replace("\\n", "\n"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid JSON").hasMessageContaining(message);
    }

    @Test
    void parse_refusesRawControlCharactersAndDeepNesting() {
        assertThatThrownBy(() -> JsonReader.parse("[\"a\tb\"]")).hasMessageContaining("control character U+0009");
        assertThatThrownBy(() -> JsonReader.parse("[".repeat(65) + "]".repeat(65))).hasMessageContaining("nesting deeper than 64");
        assertThat(JsonReader.parse("[".repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
    }

    @Test
    void parse_reportsTheLineOfTheError() {
        assertThatThrownBy(() -> JsonReader.parse("{\n  \"a\": 1\n  \"b\": 2\n}")).hasMessageContaining("line 3, column 3");
    }

    @Test
    void whatTheCliWrites_parsesBack() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ line\n tab\t ctl\u0001");
        m.put("n", 42);
        m.put("l", List.of(true, "x"));
        m.put("z", null);
        String text = new JsonWriter().beginObject().member("s", (String) m.get("s")).member("n", 42)
                .name("l").beginArray().value(true).value("x").endArray().member("z", (String) null).endObject().toString();
        Map<?, ?> back = (Map<?, ?>) JsonReader.parse(text);
        assertThat(back.get("s")).isEqualTo(m.get("s"));
        assertThat(back.get("n")).isEqualTo(new BigDecimal(42));
        assertThat(back.get("z")).isSameAs(JsonReader.NULL);
    }
}
