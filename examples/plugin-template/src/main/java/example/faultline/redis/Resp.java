package example.faultline.redis;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RESP2, Redis's wire protocol, as far as a test client needs it: a command is an array of bulk strings, and a reply
 * is one of five types. Replies are read with limits, so a confused server cannot make the client allocate without
 * bound.
 */
final class Resp {

    /** The longest reply line (a simple string, an error, a length) this client reads. */
    static final int MAX_LINE = 64 * 1024;

    /** The longest bulk string this client reads; a register's value is a few digits. */
    static final int MAX_BULK = 16 * 1024 * 1024;

    /** The most elements of one array this client reads. */
    static final int MAX_ARRAY = 1024 * 1024;

    /** A reply from the server. */
    sealed interface Reply {}

    /** {@code +OK}. */
    record Simple(String text) implements Reply {}

    /** {@code -ERR message}: the server refused the command. */
    record Error(String message) implements Reply {}

    /** {@code :42}. */
    record Int(long value) implements Reply {}

    /** {@code $3\r\nabc}; {@code text} is null for the null bulk string {@code $-1} (a missing key). */
    record Bulk(String text) implements Reply {}

    /** {@code *2 ...}; {@code items} is null for the null array {@code *-1}. */
    record Array(List<Reply> items) implements Reply {
        Array {
            items = items == null ? null : List.copyOf(items);
        }
    }

    /** A reply that breaks the protocol: the request may have reached the server, so its outcome is unknown. */
    static final class ProtocolException extends IOException {
        ProtocolException(String message) {
            super(message);
        }
    }

    private Resp() {}

    /** A command as RESP encodes it: {@code *N} and each argument as a bulk string. */
    static byte[] command(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            write(out, "$" + bytes.length + "\r\n");
            out.writeBytes(bytes);
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    /** Reads one whole reply; {@link EOFException} when the stream ends first. */
    static Reply read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection before it replied");
        }
        String line = line(in);
        return switch (type) {
            case '+' -> new Simple(line);
            case '-' -> new Error(line);
            case ':' -> new Int(number(line));
            case '$' -> bulk(in, number(line));
            case '*' -> array(in, number(line));
            default -> throw new ProtocolException("a RESP reply starts with one of + - : $ *, not byte " + type);
        };
    }

    /**
     * Whether the server at {@code address} answers {@code PING} with {@code +PONG} within {@code within}; false,
     * never an exception, for a server that is down, paused, still loading its data, or not Redis.
     */
    static boolean pong(String host, int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis(within));
            socket.setSoTimeout(millis(Duration.ofNanos(deadline - System.nanoTime())));
            OutputStream out = socket.getOutputStream();
            out.write(command("PING"));
            out.flush();
            return read(socket.getInputStream()).equals(new Simple("PONG"));
        } catch (IOException e) {
            return false;
        }
    }

    private static int millis(Duration d) {
        return (int) Math.clamp(d.toMillis(), 1, Integer.MAX_VALUE);
    }

    private static Reply bulk(InputStream in, long length) throws IOException {
        if (length == -1) {
            return new Bulk(null);
        }
        if (length < 0 || length > MAX_BULK) {
            throw new ProtocolException("a bulk string is 0 to " + MAX_BULK + " bytes long, not " + length);
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("the server closed the connection inside a bulk string");
        }
        if (in.read() != '\r' || in.read() != '\n') {
            throw new ProtocolException("a bulk string of " + length + " bytes ends with CRLF");
        }
        return new Bulk(new String(bytes, StandardCharsets.UTF_8));
    }

    private static Reply array(InputStream in, long count) throws IOException {
        if (count == -1) {
            return new Array(null);
        }
        if (count < 0 || count > MAX_ARRAY) {
            throw new ProtocolException("an array has 0 to " + MAX_ARRAY + " elements, not " + count);
        }
        List<Reply> items = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            items.add(read(in));
        }
        return new Array(items);
    }

    private static long number(String line) throws ProtocolException {
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new ProtocolException("a RESP length or integer is a decimal number, not '" + line + "'");
        }
    }

    /** The rest of a line, up to CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection inside a reply line");
            }
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new ProtocolException("a RESP line ends with CRLF, not a lone CR");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() == MAX_LINE) {
                throw new ProtocolException("a RESP line is at most " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
