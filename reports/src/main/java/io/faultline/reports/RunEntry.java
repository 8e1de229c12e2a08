package io.faultline.reports;

import java.util.List;

/**
 * One run of a store, as the results browser lists it.
 *
 * @param testName the test's name (the run directory's parent)
 * @param runName the run directory's name, its timestamp ({@code 20261128T020523.651})
 * @param verdict {@code valid}, {@code invalid} or {@code unknown} (also when there are no results yet)
 * @param summary the merged verdict's summary, or an empty string
 * @param started when it started, from {@code test.json}, or an empty string
 * @param durationNs time of the history's last op, or -1 when there is no history
 * @param parameters the test's main arguments as {@code name=value}
 */
record RunEntry(
        String testName,
        String runName,
        String verdict,
        String summary,
        String started,
        long durationNs,
        List<String> parameters) {

    RunEntry {
        parameters = List.copyOf(parameters);
    }

    /** The run's path under the store, {@code test/run}. */
    String path() {
        return testName + "/" + runName;
    }
}
