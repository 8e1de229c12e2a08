package io.faultline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.history.Op;
import io.faultline.harness.run.TestRunner;
import io.faultline.workloads.Workload;
import io.faultline.workloads.Workloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code faultline analyze RUN-DIR}: checks a stored run again with the current checkers. */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Check a stored run again with the current checkers.",
            "",
            "Reads test.json and history.jsonl (up to the last complete line, so a run whose harness was killed can"
                    + " still be analysed) and prints the verdict; results.json is not overwritten."
        })
final class AnalyzeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "A run directory, e.g. store/latest.")
    Path run;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path test = run.resolve("test.json");
        Path history = run.resolve("history.jsonl");
        for (Path required : List.of(test, history)) {
            if (!Files.isRegularFile(required)) {
                throw new IllegalArgumentException(required + ": not found (is " + run + " a run directory?)");
            }
        }
        JsonNode spec = new ObjectMapper().readTree(test.toFile()).path("spec");
        String workloadName = spec.path("workload").asText();
        Workload workload = Workloads.create(
                workloadName,
                new Workloads.WorkloadOptions(
                        spec.path("keys").asInt(8), spec.path("values").asInt(5)));
        List<Op> ops = new ArrayList<>();
        String truncated;
        try (HistoryReader reader = Histories.open(history, HistoryFormat.JSONL, true)) {
            for (Op op; (op = reader.next()) != null; ) {
                ops.add(op);
            }
            truncated = reader.ignoredTruncation();
        }
        if (truncated != null) {
            out.println("note: " + truncated);
        }
        boolean faultsPlanned = !spec.path("nemesis").asText("none").equals("none");
        CheckResult result = TestRunner.check(workload, faultsPlanned, ops);
        out.println(run + ": " + result.verdict().label() + " (" + ops.size() + " ops) " + result.summary());
        return result.verdict().exitCode();
    }
}
