package example.faultline.redis;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted stand-in for a Redis server on a loopback port: it reads each command and answers what the script
 * says, or stays silent, or closes the connection. It records every command it received.
 */
final class FakeRedis implements AutoCloseable {

    /** An answer that is never sent: the connection stays open and silent. */
    static final String SILENT = "<silent>";

    /** Closes the connection instead of answering. */
    static final String CLOSE = "<close>";

    private final ServerSocket server;
    private final Function<List<String>, String> script;
    private final List<List<String>> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** @param script the raw RESP answer to each command (its arguments), or {@link #SILENT} or {@link #CLOSE} */
    FakeRedis(Function<List<String>, String> script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    List<List<String>> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Resp.Reply command = Resp.read(in);
                List<String> args = new ArrayList<>();
                for (Resp.Reply arg : ((Resp.Array) command).items()) {
                    args.add(((Resp.Bulk) arg).text());
                }
                received.add(List.copyOf(args));
                String answer = script.apply(args);
                if (answer.equals(CLOSE)) {
                    return;
                }
                if (!answer.equals(SILENT)) {
                    out.write(answer.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
