package io.faultline.checkers.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdnReaderTest {

    private static Object read(String text) {
        return EdnReader.readString(text);
    }

    @Test
    void scalars_become_plain_java_values() {
        assertThat(read("nil")).as("nil").isNull();
        assertThat(read("true")).as("true").isEqualTo(Boolean.TRUE);
        assertThat(read("false")).as("false").isEqualTo(Boolean.FALSE);
        assertThat(read("42")).as("integer").isEqualTo(42L);
        assertThat(read("-7")).as("negative integer").isEqualTo(-7L);
        assertThat(read("+7")).as("explicitly positive integer").isEqualTo(7L);
        assertThat(read("12345678901234567890"))
                .as("overflowing integer")
                .isEqualTo(new BigInteger("12345678901234567890"));
        assertThat(read("3N")).as("bigint").isEqualTo(BigInteger.valueOf(3));
        assertThat(read("1.5")).as("float").isEqualTo(1.5);
        assertThat(read("1e3")).as("exponent").isEqualTo(1000.0);
        assertThat(read("1.25M")).as("bigdecimal").isEqualTo(new BigDecimal("1.25"));
        assertThat(read(":ok")).as("keyword").isEqualTo(Keyword.of("ok"));
        assertThat(read(":jepsen/nemesis")).as("namespaced keyword").isEqualTo(Keyword.of("jepsen/nemesis"));
        assertThat(read("foo.bar/baz")).as("symbol").isEqualTo(new Symbol("foo.bar/baz"));
        assertThat(read("\\a")).as("character").isEqualTo('a');
        assertThat(read("\\newline")).as("named character").isEqualTo('\n');
        assertThat(read("\\u0041")).as("unicode character").isEqualTo('A');
    }

    @Test
    void strings_understand_escapes() {
        assertThat(read("\"a\\tb\\n\\\"q\\\" \\\\ \\u00e9\""))
                .as("escaped string")
                .isEqualTo("a\tb\n\"q\" \\ é");
    }

    @Test
    void collections_nest_and_keep_order() {
        Object v = read("{:type :ok, :value [1 (2 3) #{4}], :m {\"k\" nil}}");
        assertThat(v).as("a map").isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(new ArrayList<Object>(m.keySet()))
                .as("keys in order")
                .containsExactly(Keyword.of("type"), Keyword.of("value"), Keyword.of("m"));
        assertThat(m.get(Keyword.of("value")))
                .as("vector with a list and a set")
                .isEqualTo(List.of(1L, List.of(2L, 3L), Set.of(4L)));
        assertThat(((Map<?, ?>) m.get(Keyword.of("m"))).get("k"))
                .as("nil map value")
                .isNull();
    }

    @Test
    void comments_commas_and_discards_are_skipped() {
        Object v = read("; a comment\n[1, 2 #_ 3 #_ [4 5] 6] ; trailing");
        assertThat(v).as("vector without the discarded elements").isEqualTo(List.of(1L, 2L, 6L));
    }

    @Test
    void tagged_elements_keep_their_tag() {
        assertThat(read("#inst \"2024-01-01T00:00:00Z\""))
                .as("tagged instant")
                .isEqualTo(new Tagged("inst", "2024-01-01T00:00:00Z"));
    }

    @Test
    void a_stream_of_top_level_elements_is_read_one_at_a_time_with_line_numbers() {
        EdnReader r = new EdnReader(new StringReader("{:a 1}\n\n{:b 2}\n"), "h.edn");
        List<Integer> lines = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        while (r.hasNext()) {
            values.add(r.next());
            lines.add(r.formLine());
        }
        assertThat(values).as("both maps").hasSize(2);
        assertThat(lines).as("the line each map starts on").containsExactly(1, 3);
    }

    @Test
    void an_unclosed_vector_names_the_file_line_and_what_was_expected() {
        assertThatThrownBy(() -> new EdnReader(new StringReader("[1 2\n3"), "h.edn").next())
                .as("unclosed vector")
                .isInstanceOf(EdnParseException.class)
                .hasMessageStartingWith("h.edn:2:")
                .hasMessageContaining("expected ']' to close the collection");
    }

    @Test
    void a_map_with_an_odd_number_of_elements_is_rejected() {
        assertThatThrownBy(() -> read("{:a 1 :b}"))
                .as("map missing a value")
                .isInstanceOf(EdnParseException.class)
                .hasMessageContaining("expected a value for the map key :b");
    }

    @Test
    void duplicate_map_keys_and_set_elements_are_rejected() {
        assertThatThrownBy(() -> read("{:a 1 :a 2}")).as("duplicate key").hasMessageContaining("the key :a twice");
        assertThatThrownBy(() -> read("#{1 1}")).as("duplicate set element").hasMessageContaining("element 1 twice");
    }

    @Test
    void a_stray_closing_bracket_is_an_error() {
        assertThatThrownBy(() -> read("]")).as("stray bracket").hasMessageContaining("unexpected ']'");
    }

    @Test
    void a_bad_escape_or_number_is_an_error() {
        assertThatThrownBy(() -> read("\"\\q\"")).as("bad escape").hasMessageContaining("unknown string escape");
        assertThatThrownBy(() -> read("12abc")).as("bad number").hasMessageContaining("expected a number");
    }

    @Test
    void writing_and_reading_back_gives_the_same_value() {
        String text = "{:index 3, :type :ok, :value [1 nil \"s\\n\" #{:x} {:k 2.5} \\c true 7N 1.5M], :f :cas}";
        Object v = read(text);
        assertThat(read(EdnWriter.write(v))).as("round trip of %s", text).isEqualTo(v);
    }
}
