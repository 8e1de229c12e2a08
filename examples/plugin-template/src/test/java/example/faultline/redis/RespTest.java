package example.faultline.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RESP2 encoding of commands and parsing of every reply type, including replies that break the protocol. */
class RespTest {

    private static Resp.Reply parse(String wire) throws IOException {
        return Resp.read(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    /** A stream that hands out one byte per read, as a slow network can. */
    private static InputStream trickle(String wire) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < bytes.length ? bytes[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                int one = read();
                if (one < 0) {
                    return -1;
                }
                b[off] = (byte) one;
                return 1;
            }
        };
    }

    @Test
    void a_command_is_an_array_of_bulk_strings_counted_in_bytes() {
        assertThat(new String(Resp.command("SET", "register-0", "héllo"), StandardCharsets.UTF_8))
                .isEqualTo("*3\r\n$3\r\nSET\r\n$10\r\nregister-0\r\n$6\r\nhéllo\r\n");
        assertThat(Arrays.equals(Resp.command(), "*0\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
    }

    @Test
    void each_reply_type_parses_to_its_record() throws IOException {
        assertThat(parse("+PONG\r\n")).isEqualTo(new Resp.Simple("PONG"));
        assertThat(parse("-READONLY You can't write against a read only replica.\r\n"))
                .isEqualTo(new Resp.Error("READONLY You can't write against a read only replica."));
        assertThat(parse(":-42\r\n")).isEqualTo(new Resp.Int(-42));
        assertThat(parse("$1\r\n3\r\n")).isEqualTo(new Resp.Bulk("3"));
        assertThat(parse("$0\r\n\r\n")).isEqualTo(new Resp.Bulk(""));
        assertThat(parse("$-1\r\n")).isEqualTo(new Resp.Bulk(null));
        assertThat(parse("*-1\r\n")).isEqualTo(new Resp.Array(null));
        assertThat(parse("*2\r\n:1\r\n*1\r\n$2\r\nok\r\n"))
                .isEqualTo(new Resp.Array(List.of(new Resp.Int(1), new Resp.Array(List.of(new Resp.Bulk("ok"))))));
    }

    @Test
    void a_reply_that_arrives_a_byte_at_a_time_parses_the_same() throws IOException {
        assertThat(Resp.read(trickle("*2\r\n$5\r\nhello\r\n+OK\r\n")))
                .isEqualTo(new Resp.Array(List.of(new Resp.Bulk("hello"), new Resp.Simple("OK"))));
    }

    @Test
    void a_connection_closed_before_or_inside_a_reply_is_an_eof() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(EOFException.class).hasMessageContaining("before it replied");
        assertThatThrownBy(() -> parse("+OK")).isInstanceOf(EOFException.class).hasMessageContaining("reply line");
        assertThatThrownBy(() -> parse("$5\r\nhel"))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("inside a bulk string");
    }

    @Test
    void a_reply_that_breaks_the_protocol_is_refused_naming_the_rule() {
        assertThatThrownBy(() -> parse("!oops\r\n"))
                .isInstanceOf(Resp.ProtocolException.class)
                .hasMessage("a RESP reply starts with one of + - : $ *, not byte 33");
        assertThatThrownBy(() -> parse(":four\r\n"))
                .isInstanceOf(Resp.ProtocolException.class)
                .hasMessage("a RESP length or integer is a decimal number, not 'four'");
        assertThatThrownBy(() -> parse("$3\r\nabcd\r\n"))
                .isInstanceOf(Resp.ProtocolException.class)
                .hasMessage("a bulk string of 3 bytes ends with CRLF");
        assertThatThrownBy(() -> parse("+OK\rX"))
                .isInstanceOf(Resp.ProtocolException.class)
                .hasMessage("a RESP line ends with CRLF, not a lone CR");
    }

    @Test
    void lengths_beyond_the_limits_are_refused_before_anything_is_allocated() {
        assertThatThrownBy(() -> parse("$" + (Resp.MAX_BULK + 1) + "\r\n"))
                .isInstanceOf(Resp.ProtocolException.class)
                .hasMessageContaining("a bulk string is 0 to " + Resp.MAX_BULK + " bytes long");
        assertThatThrownBy(() -> parse("*-2\r\n"))
                .isInstanceOf(Resp.ProtocolException.class)
                .hasMessageContaining("an array has 0 to");
        assertThatThrownBy(() -> parse("+" + "x".repeat(Resp.MAX_LINE + 1) + "\r\n"))
                .isInstanceOf(Resp.ProtocolException.class)
                .hasMessage("a RESP line is at most " + Resp.MAX_LINE + " bytes");
    }
}
