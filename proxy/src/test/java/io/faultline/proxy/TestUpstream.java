package io.faultline.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real TCP server for the tests to proxy to, on 127.0.0.1 and a free port. What it does with each connection is
 * chosen by the factory: echo, count bytes until EOF, close at once, or send a block of bytes.
 */
final class TestUpstream implements AutoCloseable {

    @FunctionalInterface
    private interface Behaviour {
        void serve(Socket socket, TestUpstream server) throws IOException;
    }

    private final ServerSocket listener;
    private final Behaviour behaviour;
    /** {@link System#nanoTime()} of every read that returned bytes, across connections. */
    final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    /** Bytes received by each connection that reached end of stream (sink). */
    final BlockingQueue<Long> receivedTotals = new LinkedBlockingQueue<>();

    private TestUpstream(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("test-upstream-accept").start(this::acceptLoop);
    }

    /** Writes back whatever it reads. */
    static TestUpstream echo() throws IOException {
        return new TestUpstream((socket, server) -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                server.arrivals.add(System.nanoTime());
                out.write(buffer, 0, n);
            }
        });
    }

    /** Reads until end of stream, then records how many bytes came. */
    static TestUpstream sink() throws IOException {
        return new TestUpstream((socket, server) -> {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
            server.receivedTotals.add(total);
        });
    }

    /** Closes each connection as soon as it is accepted. */
    static TestUpstream closeOnAccept() throws IOException {
        return new TestUpstream((socket, server) -> {});
    }

    /** Sends {@code size} bytes on each connection, then waits for the client to close. */
    static TestUpstream sendOnAccept(int size) throws IOException {
        return new TestUpstream((socket, server) -> {
            socket.getOutputStream().write(new byte[size]);
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        });
    }

    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                Thread.ofPlatform().daemon().name("test-upstream-conn").start(() -> {
                    try (socket) {
                        behaviour.serve(socket, this);
                    } catch (IOException e) {
                        // The client went away; nothing to serve.
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
