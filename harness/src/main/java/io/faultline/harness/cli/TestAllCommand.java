package io.faultline.harness.cli;

import io.faultline.checkers.Verdict;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline test-all}: a matrix of workloads and nemeses, N runs each, and a table of outcomes. */
@Command(
        name = "test-all",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run workloads x nemeses x N runs and print how often each cell was valid, invalid or unknown.",
            "",
            "Every run keeps its own directory under the store (flaky statistics, not overwritten artifacts)."
        })
final class TestAllCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--workloads",
            split = ",",
            defaultValue = "register,multi-register",
            completionCandidates = HelpLists.Workloads.class,
            description = "Workloads, comma-separated: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    List<String> workloads;

    @Option(
            names = "--nemeses",
            split = ",",
            defaultValue = "partition,kill",
            completionCandidates = HelpLists.Nemeses.class,
            description = "Nemeses, comma-separated: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    List<String> nemeses;

    @CommandLine.Mixin
    RunOptions options;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Map<Verdict, Integer>> table = new LinkedHashMap<>();
        Verdict merged = Verdict.VALID;
        boolean rulesBroken = false;
        long seed = options.firstSeed();
        for (String workload : workloads) {
            for (String nemesis : nemeses) {
                TestSpec base = options.spec(options.defaultName(workload, nemesis), workload, nemesis);
                Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
                for (int i = 0; i < options.testCount; i++) {
                    RunResult result =
                            new TestRunner(out, options.metrics(), options.monitor()).run(base.withSeed(seed + i));
                    counts.merge(result.verdict(), 1, Integer::sum);
                    merged = merged.merge(result.verdict());
                    rulesBroken |= result.brokeClientRules();
                }
                table.put(workload + " x " + nemesis, counts);
            }
        }
        out.println();
        out.printf("%-40s %7s %7s %7s%n", "workload x nemesis", "valid", "invalid", "unknown");
        table.forEach((cell, counts) -> out.printf(
                "%-40s %7d %7d %7d%n",
                cell,
                counts.getOrDefault(Verdict.VALID, 0),
                counts.getOrDefault(Verdict.INVALID, 0),
                counts.getOrDefault(Verdict.UNKNOWN, 0)));
        out.println("verdict: " + merged.label() + " (runs under " + options.store + ")");
        if (rulesBroken) {
            out.println("client rules were broken (listed above as 'client rule broken: ...'); exit code "
                    + ExitCodes.CLIENT_RULES_BROKEN + " unless a run is invalid");
        }
        return ExitCodes.ofRuns(merged, rulesBroken);
    }
}
