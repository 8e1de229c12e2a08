package io.faultline.sut.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonValueTest {

    @Test
    void parsing_then_writing_gives_compact_json_with_escapes_kept() {
        String text = " { \"a\" : [1, -2.5e3, true, null], \"b\":\"q\\\"\\u00e9\\n\", \"c\":{} } ";

        assertThat(JsonValue.parse(text).toString())
                .as("compact form")
                .isEqualTo("{\"a\":[1,-2.5e3,true,null],\"b\":\"q\\\"é\\n\",\"c\":{}}");
    }

    @Test
    void equal_documents_are_equal_values() {
        assertThat(JsonValue.parse("[1, {\"x\": \"y\"}]"))
                .as("structural equality")
                .isEqualTo(JsonValue.parse("[1,{\"x\":\"y\"}]"));
    }

    @Test
    void trailing_garbage_is_refused_with_its_offset() {
        assertThatThrownBy(() -> JsonValue.parse("{} x"))
                .isInstanceOf(JsonException.class)
                .hasMessage("invalid JSON at offset 3: unexpected text after the value");
    }

    @Test
    void a_missing_required_field_is_named() {
        JsonValue.JsonObject o = (JsonValue.JsonObject) JsonValue.parse("{\"key\":\"k\"}");

        assertThatThrownBy(() -> o.require("value")).hasMessage("missing field \"value\"");
    }
}
