package io.faultline.reports;

import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark (a main class, not a test): the time to write the report of a generated history, against a baseline in
 * the same run: reading, validating and pairing the same history with the checkers' reader, which every report must
 * do anyway. Prints medians of alternating runs after a warm-up, their ratio, and the report's size.
 *
 * <p>Usage: {@code ReportBench [history-ops] [rounds]} (defaults 100000 and 7).
 */
public final class ReportBench {
    private ReportBench() {}

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Path dir = Files.createTempDirectory("report-bench");
        Path run = GeneratedRun.write(dir, ops, 20, 42);
        Path history = run.resolve(RunFiles.HISTORY);
        for (int i = 0; i < 3; i++) {
            Histories.load(history, HistoryFormat.JSONL, false);
            RunReport.write(run);
        }
        long[] baseline = new long[rounds];
        long[] report = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            Histories.load(history, HistoryFormat.JSONL, false);
            long t1 = System.nanoTime();
            RunReport.write(run);
            long t2 = System.nanoTime();
            baseline[i] = t1 - t0;
            report[i] = t2 - t1;
        }
        long b = median(baseline);
        long r = median(report);
        System.out.printf(
                Locale.ROOT,
                "%d-op history (%.1f MB): read+pair %.0f ms, report %.0f ms (median of %d), ratio %.2f;"
                        + " report.html %.1f MB%n",
                ops,
                Files.size(history) / 1e6,
                b / 1e6,
                r / 1e6,
                rounds,
                (double) r / b,
                Files.size(run.resolve(RunReport.FILE_NAME)) / 1e6);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
