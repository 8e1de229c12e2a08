package io.faultline.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/** A plain TCP client socket with the reads the tests need; every read is bounded by a deadline. */
final class TestClient implements AutoCloseable {

    static final Duration DEADLINE = Duration.ofSeconds(5);

    final Socket socket;

    TestClient(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, (int) DEADLINE.toMillis());
        socket.setSoTimeout((int) DEADLINE.toMillis());
    }

    TestClient(String hostPort) throws IOException {
        this(address(hostPort));
    }

    static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
    }

    /** Reads exactly {@code n} bytes, failing with SocketTimeoutException if they do not come within the deadline. */
    byte[] readExactly(int n) throws IOException {
        byte[] result = new byte[n];
        InputStream in = socket.getInputStream();
        int read = 0;
        while (read < n) {
            int got = in.read(result, read, n - read);
            if (got < 0) {
                throw new IOException("end of stream after " + read + " of " + n + " bytes");
            }
            read += got;
        }
        return result;
    }

    /** Counts the read calls it takes to receive {@code n} bytes: how many pieces they arrived in. */
    int readsToReceive(int n, byte[] into) throws IOException {
        InputStream in = socket.getInputStream();
        int read = 0;
        int calls = 0;
        while (read < n) {
            int got = in.read(into, read, n - read);
            if (got < 0) {
                throw new IOException("end of stream after " + read + " of " + n + " bytes");
            }
            read += got;
            calls++;
        }
        return calls;
    }

    /** Sends {@code message} and returns the nanoseconds until the same bytes came back. */
    long roundTripNanos(byte[] message) throws IOException {
        long start = System.nanoTime();
        send(message);
        byte[] back = readExactly(message.length);
        long elapsed = System.nanoTime() - start;
        if (!Arrays.equals(back, message)) {
            throw new IOException("echo returned different bytes");
        }
        return elapsed;
    }

    /** Reads and counts bytes until end of stream. */
    long readToEnd() throws IOException {
        return socket.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    }

    /** Whether anything arrives within {@code window}: false when the read times out. */
    boolean receivesWithin(Duration window) throws IOException {
        socket.setSoTimeout((int) window.toMillis());
        try {
            return socket.getInputStream().read() >= 0;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout((int) DEADLINE.toMillis());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
