package io.faultline.sut.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator for a 3-node cluster over HTTP/JSON: N clients, each waiting for its answer before
 * sending the next request, for a fixed time, reporting throughput and latency percentiles. It speaks the
 * Faultline store's API or etcd 3.4's JSON gateway ({@code /v3/kv/put}, {@code /v3/kv/range}, linearizable by
 * default), so both are measured the same way. Not a test: run it by hand (see {@code docs/store-benchmark.md}).
 *
 * <pre>
 * java -cp system-under-test/target/test-classes io.faultline.sut.bench.StoreBenchmark \
 *     faultline http://127.0.0.1:8081 write 16 10
 * </pre>
 */
public final class StoreBenchmark {

    private StoreBenchmark() {}

    private interface Api {
        HttpRequest write(String base, String key, long value);

        HttpRequest read(String base, String key);
    }

    private static final class Faultline implements Api {
        @Override
        public HttpRequest write(String base, String key, long value) {
            return HttpRequest.newBuilder(URI.create(base + "/kv/" + key))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":" + value + "}"))
                    .build();
        }

        @Override
        public HttpRequest read(String base, String key) {
            return HttpRequest.newBuilder(URI.create(base + "/kv/" + key)).GET().build();
        }
    }

    private static final class Etcd implements Api {
        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public HttpRequest write(String base, String key, long value) {
            String body = "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(Long.toString(value)) + "\"}";
            return HttpRequest.newBuilder(URI.create(base + "/v3/kv/put"))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        @Override
        public HttpRequest read(String base, String key) {
            return HttpRequest.newBuilder(URI.create(base + "/v3/kv/range"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + b64(key) + "\"}"))
                    .build();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StoreBenchmark faultline|etcd LEADER_URL write|read|mix CLIENTS SECONDS");
            System.exit(2);
        }
        Api api = args[0].equals("etcd") ? new Etcd() : new Faultline();
        String base = args[1];
        String mode = args[2];
        int clients = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        for (int i = 0; i < 100; i++) {
            send(http, api.write(base, "k" + i, i)); // warm-up, and keys to read
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] latencies = new long[500_000];
            perClient.add(latencies);
            threads.add(Thread.ofVirtual().start(() -> {
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end && n < latencies.length) {
                    String key = "k" + random.nextInt(100);
                    boolean write = mode.equals("write") || (mode.equals("mix") && random.nextBoolean());
                    HttpRequest request = write ? api.write(base, key, random.nextLong(1000)) : api.read(base, key);
                    long start = System.nanoTime();
                    if (!send(http, request)) {
                        errors.incrementAndGet();
                    }
                    latencies[n++] = System.nanoTime() - start;
                }
                latencies[latencies.length - 1] = n;
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (long[] l : perClient) {
            total += l[l.length - 1];
        }
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] l : perClient) {
            int n = (int) l[l.length - 1];
            System.arraycopy(l, 0, all, k, n);
            k += n;
        }
        Arrays.sort(all);
        System.out.printf(
                Locale.ROOT,
                "%s %s clients=%d ops=%d errors=%d throughput=%.0f/s p50=%.2fms p99=%.2fms%n",
                args[0],
                mode,
                clients,
                total,
                errors.get(),
                total / (double) seconds,
                all[(int) (all.length * 0.50)] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6);
    }

    private static boolean send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
