package io.faultline.checkers.cli;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.LinearizabilityChecker;
import io.faultline.checkers.linear.Model;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

/**
 * The steady-state measurement behind {@code --bench}: after a warm-up (at least 5 runs and 300 ms), the median of N
 * timed checks of already-read operations, as Porcupine's own benchmark measures its checker without its parser.
 */
final class Bench {
    private static final int MIN_WARMUP_RUNS = 5;
    private static final long MIN_WARMUP_NANOS = 300_000_000L;

    private Bench() {}

    /**
     * @param medianMs median time of one check
     * @param allocatedMb bytes allocated per check by all threads, in MB, or -1 when the JVM cannot say
     */
    record Figures(double medianMs, double allocatedMb) {}

    static Figures measure(
            Model<?, ?> model, List<Operation> operations, LinearizabilityChecker.Options options, int runs) {
        return measure(() -> LinearizabilityChecker.check(model, operations, options), runs);
    }

    /** The same for any check: warm-up, then the median of {@code runs} timed runs. */
    static Figures measure(Runnable check, int runs) {
        long warmStart = System.nanoTime();
        for (int i = 0; i < MIN_WARMUP_RUNS || System.nanoTime() - warmStart < MIN_WARMUP_NANOS; i++) {
            check.run();
        }
        long allocatedBefore = allocated();
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            check.run();
            times[i] = System.nanoTime() - t;
        }
        long allocatedAfter = allocated();
        double mb = allocatedBefore < 0 || allocatedAfter < 0
                ? -1
                : (allocatedAfter - allocatedBefore) / (double) runs / (1024 * 1024);
        Arrays.sort(times);
        double median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2.0;
        return new Figures(median / 1_000_000.0, mb);
    }

    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
            try {
                return t.getTotalThreadAllocatedBytes();
            } catch (UnsupportedOperationException e) {
                return -1;
            }
        }
        return -1;
    }
}
