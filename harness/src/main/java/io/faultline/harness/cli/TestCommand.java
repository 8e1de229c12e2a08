package io.faultline.harness.cli;

import io.faultline.checkers.Verdict;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline test}: one or more runs of a workload under a nemesis against the bundled store. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a test against the bundled store and check it (the demo, with no options).",
            "",
            "Starts a cluster (containers when a Docker engine answers, else local processes), drives the workload"
                    + " while the nemesis injects faults, journals the history to STORE/<name>/<time>/history.jsonl,"
                    + " checks it, and prints the verdict and the run directory."
        })
final class TestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--workload",
            defaultValue = "register",
            completionCandidates = HelpLists.Workloads.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    String workload;

    @Option(
            names = "--nemesis",
            defaultValue = "partition",
            completionCandidates = HelpLists.Nemeses.class,
            description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}; docs/nemeses.md says what each does);"
                    + " ./faultline doctor lists those this machine supports.")
    String nemesis;

    @Option(
            names = "--name",
            description =
                    "Test name, the folder under the store (default: WORKLOAD-NEMESIS, then _BUG for each --bug).")
    String name;

    @CommandLine.Mixin
    RunOptions options;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        String fault = nemesis;
        boolean chosenByUser = spec.commandLine().getParseResult().hasMatchedOption("--nemesis");
        if (!chosenByUser && fault.startsWith("partition") && options.runtime() == ClusterRuntime.PROCESSES) {
            fault = "link-" + fault;
            out.println("no Docker engine: local processes share one network, so the demo cuts the links between"
                    + " them at their proxies instead of with iptables (--nemesis " + fault + ")");
        }
        TestSpec base = options.spec(name != null ? name : options.defaultName(workload, fault), workload, fault);
        Verdict merged = Verdict.VALID;
        boolean rulesBroken = false;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < options.testCount; i++) {
            RunResult result =
                    new TestRunner(out, options.metrics(), options.monitor()).run(base.withSeed(base.seed() + i));
            merged = merged.merge(result.verdict());
            rulesBroken |= result.brokeClientRules();
            lines.add(String.format(
                    "seed %d: %s  %s", base.seed() + i, result.verdict().label(), result.directory()));
        }
        if (options.testCount > 1) {
            out.println();
            lines.forEach(out::println);
        }
        out.println("verdict: " + merged.label());
        if (rulesBroken) {
            out.println("client rules were broken (listed above as 'client rule broken: ...'); exit code "
                    + ExitCodes.CLIENT_RULES_BROKEN + " unless a run is invalid");
        }
        return ExitCodes.ofRuns(merged, rulesBroken);
    }
}
