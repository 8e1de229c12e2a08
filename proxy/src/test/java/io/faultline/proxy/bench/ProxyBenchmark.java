package io.faultline.proxy.bench;

import io.faultline.proxy.ProxySpec;
import io.faultline.proxy.ToxiproxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures what the proxy costs with no toxics: round-trip latency (p50, p99) of small messages and bulk throughput,
 * through the proxy and directly to the same upstream in the same run, reported as added microseconds and ratios.
 *
 * <p>Arguments: {@code [round trips per side, default 40000] [megabytes per throughput run, default 512]}.
 */
public final class ProxyBenchmark {

    private static final int MESSAGE_BYTES = 64;
    private static final int BLOCKS = 8;
    private static final int THROUGHPUT_RUNS = 3;

    private ProxyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int roundTrips = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        try (ServerSocket echo = serve(ProxyBenchmark::echo);
                ServerSocket sink = serve(ProxyBenchmark::sink);
                ToxiproxyServer server = ToxiproxyServer.start(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress directEcho = address(echo);
            InetSocketAddress directSink = address(sink);
            InetSocketAddress proxiedEcho = listen(server, "echo", directEcho);
            InetSocketAddress proxiedSink = listen(server, "sink", directSink);

            latency(directEcho, proxiedEcho, roundTrips);
            throughput(directSink, proxiedSink, megabytes);
        }
    }

    private static void latency(InetSocketAddress direct, InetSocketAddress proxied, int roundTrips)
            throws IOException {
        try (Socket d = connect(direct);
                Socket p = connect(proxied)) {
            roundTrips(d, roundTrips / 4); // warm-up
            roundTrips(p, roundTrips / 4);
            long[] directSamples = new long[roundTrips];
            long[] proxiedSamples = new long[roundTrips];
            int perBlock = roundTrips / BLOCKS;
            for (int block = 0; block < BLOCKS; block++) { // interleaved, so drift hits both sides alike
                System.arraycopy(roundTrips(d, perBlock), 0, directSamples, block * perBlock, perBlock);
                System.arraycopy(roundTrips(p, perBlock), 0, proxiedSamples, block * perBlock, perBlock);
            }
            Arrays.sort(directSamples);
            Arrays.sort(proxiedSamples);
            int n = perBlock * BLOCKS;
            for (double q : new double[] {0.50, 0.99}) {
                double directUs = directSamples[(int) (q * (n - 1))] / 1000.0;
                double proxiedUs = proxiedSamples[(int) (q * (n - 1))] / 1000.0;
                System.out.printf(
                        Locale.ROOT,
                        "round trip p%-2d  direct %7.1f us   proxied %7.1f us   added %6.1f us   ratio %.2f%n",
                        (int) Math.round(q * 100),
                        directUs,
                        proxiedUs,
                        proxiedUs - directUs,
                        proxiedUs / directUs);
            }
            System.out.printf(Locale.ROOT, "  (%d round trips of %d bytes per side)%n", n, MESSAGE_BYTES);
        }
    }

    private static long[] roundTrips(Socket socket, int count) throws IOException {
        byte[] message = new byte[MESSAGE_BYTES];
        byte[] back = new byte[MESSAGE_BYTES];
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        long[] samples = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            out.write(message);
            int read = 0;
            while (read < MESSAGE_BYTES) {
                int n = in.read(back, read, MESSAGE_BYTES - read);
                if (n < 0) {
                    throw new IOException("echo closed the connection");
                }
                read += n;
            }
            samples[i] = System.nanoTime() - start;
        }
        return samples;
    }

    private static void throughput(InetSocketAddress direct, InetSocketAddress proxied, int megabytes)
            throws IOException {
        long bytes = megabytes * 1024L * 1024L;
        transfer(direct, bytes / 4); // warm-up
        transfer(proxied, bytes / 4);
        double bestDirect = 0;
        double bestProxied = 0;
        for (int run = 0; run < THROUGHPUT_RUNS; run++) {
            bestDirect = Math.max(bestDirect, transfer(direct, bytes));
            bestProxied = Math.max(bestProxied, transfer(proxied, bytes));
        }
        System.out.printf(
                Locale.ROOT,
                "throughput     direct %7.0f MB/s  proxied %7.0f MB/s  ratio %.2f  (best of %d runs of %d MB)%n",
                bestDirect,
                bestProxied,
                bestProxied / bestDirect,
                THROUGHPUT_RUNS,
                megabytes);
    }

    /** Sends {@code bytes} to the sink and waits for its one-byte acknowledgement; returns MB/s. */
    private static double transfer(InetSocketAddress address, long bytes) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (Socket socket = connect(address)) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            for (long sent = 0; sent < bytes; sent += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - sent));
            }
            socket.shutdownOutput();
            if (socket.getInputStream().read() < 0) {
                throw new IOException("sink closed without acknowledging");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return bytes / (1024.0 * 1024.0) / seconds;
        }
    }

    @FunctionalInterface
    private interface Handler {
        void serve(Socket socket) throws IOException;
    }

    private static void echo(Socket socket) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
    }

    private static void sink(Socket socket) throws IOException {
        socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        socket.getOutputStream().write(1);
    }

    private static ServerSocket serve(Handler handler) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    socket.setTcpNoDelay(true);
                    Thread.ofPlatform().daemon().start(() -> {
                        try (socket) {
                            handler.serve(socket);
                        } catch (IOException e) {
                            // The benchmark closed its side.
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return listener;
    }

    private static InetSocketAddress listen(ToxiproxyServer server, String name, InetSocketAddress upstream) {
        String listen = server.proxies()
                .create(new ProxySpec(name, "127.0.0.1:0", "127.0.0.1:" + upstream.getPort(), true))
                .listen();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(listen.substring(10)));
    }

    private static InetSocketAddress address(ServerSocket socket) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5000);
        return socket;
    }
}
