package io.faultline.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a synthetic run of any size: {@code workers} clients doing reads, writes and cas against one register, a
 * partition every 10 s of simulated time, about 10% failures and 1% unknown outcomes, and matching {@code test.json}
 * and {@code results.json}.
 */
final class GeneratedRun {
    private GeneratedRun() {}

    static Path write(Path parent, int historyOps, int workers, long seed) throws IOException {
        Path run = Files.createDirectories(parent.resolve("generated").resolve("20261128T000000.000"));
        SplittableRandom rng = new SplittableRandom(seed);
        long[] busyUntil = new long[workers];
        long[] process = new long[workers];
        for (int w = 0; w < workers; w++) {
            process[w] = w;
        }
        String[] fs = {"read", "write", "cas"};
        long index = 0;
        long now = 0;
        long nextFault = 10_000_000_000L;
        boolean partitioned = false;
        try (BufferedWriter out = Files.newBufferedWriter(run.resolve("history.jsonl"), StandardCharsets.UTF_8)) {
            // each step: one worker invokes, and completes after a random latency (completions written in time order)
            java.util.PriorityQueue<long[]> completions =
                    new java.util.PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
            while (index < historyOps - 4) {
                now += 1 + rng.nextLong(400_000);
                while (!completions.isEmpty() && completions.peek()[0] <= now) {
                    long[] c = completions.poll();
                    int w = (int) c[1];
                    int outcome = (int) c[2];
                    String type = outcome == 0 ? "ok" : outcome == 1 ? "fail" : "info";
                    out.write("{\"index\":" + index++ + ",\"time\":" + c[0] + ",\"type\":\"" + type + "\",\"process\":"
                            + process[w] + ",\"f\":\"" + fs[(int) c[3]] + "\",\"value\":" + c[4]
                            + (outcome == 1 ? ",\"error\":\"timeout\"" : "") + "}\n");
                    if (outcome == 2) {
                        process[w] += workers;
                    }
                }
                if (now >= nextFault) {
                    String f = partitioned ? "stop-partition" : "start-partition";
                    out.write("{\"index\":" + index++ + ",\"time\":" + now
                            + ",\"type\":\"invoke\",\"process\":\"nemesis\"," + "\"f\":\"" + f
                            + "\",\"value\":null}\n");
                    out.write("{\"index\":" + index++ + ",\"time\":" + now
                            + ",\"type\":\"info\",\"process\":\"nemesis\"," + "\"f\":\"" + f
                            + "\",\"value\":{\"applied\":\"majority\",\"verified\":true,\"note\":\"ok\"}}\n");
                    partitioned = !partitioned;
                    nextFault += 10_000_000_000L;
                }
                int w = rng.nextInt(workers);
                if (busyUntil[w] > now || index >= historyOps - 4) {
                    continue;
                }
                int f = rng.nextInt(3);
                long value = rng.nextInt(5);
                long latency = 200_000 + rng.nextLong(partitioned ? 50_000_000 : 5_000_000);
                int roll = rng.nextInt(100);
                int outcome = roll < (partitioned ? 30 : 5) ? 1 : roll == 99 ? 2 : 0;
                out.write("{\"index\":" + index++ + ",\"time\":" + now + ",\"type\":\"invoke\",\"process\":"
                        + process[w] + ",\"f\":\"" + fs[f] + "\",\"value\":" + (f == 0 ? "null" : value) + "}\n");
                busyUntil[w] = now + latency;
                completions.add(new long[] {now + latency, w, outcome, f, value});
            }
            while (!completions.isEmpty()) {
                long[] c = completions.poll();
                out.write("{\"index\":" + index++ + ",\"time\":" + c[0] + ",\"type\":\"ok\",\"process\":"
                        + process[(int) c[1]] + ",\"f\":\"" + fs[(int) c[3]] + "\",\"value\":" + c[4] + "}\n");
            }
        }
        Files.writeString(
                run.resolve("test.json"),
                "{\"spec\":{\"name\":\"generated\",\"workload\":\"register\","
                        + "\"nemesis\":\"partition\",\"concurrency\":" + workers + ",\"seed\":" + seed + "},"
                        + "\"started\":\"2026-11-28T00:00:00Z\",\"faultline_version\":\"test\"}");
        Files.writeString(run.resolve("results.json"), "{\"valid\":true,\"summary\":\"generated\",\"checkers\":[]}");
        return run;
    }
}
