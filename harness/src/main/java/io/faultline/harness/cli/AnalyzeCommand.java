package io.faultline.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.api.Db;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.history.Op;
import io.faultline.harness.db.Dbs;
import io.faultline.harness.run.ConsistencyCheck;
import io.faultline.harness.run.TestRunner;
import io.faultline.workloads.Consistency;
import io.faultline.workloads.Workload;
import io.faultline.workloads.Workloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
        ConsistencyCheck consistency = consistency(spec, workload, out);
        CheckResult result = TestRunner.check(consistency.judge(), faultsPlanned, ops);
        out.println(run + ": " + result.verdict().label() + " (" + ops.size() + " ops) " + result.summary());
        consistency.verdicts(workload, result, ops).ifPresent(v -> out.println("consistency: " + v.describe()));
        return result.verdict().exitCode();
    }

    /**
     * The checkers the run was judged by: those for what its db (with the run's bugs and options) promises, as in
     * {@link TestRunner}. The db is only asked, never started; a db not available here (a plugin off the class
     * path) is taken to promise linearizability, and the note says so.
     */
    private static ConsistencyCheck consistency(JsonNode spec, Workload workload, PrintWriter out) {
        String dbName = spec.path("db").asText("faultline-store");
        List<String> bugs = new ArrayList<>();
        spec.path("bugs").forEach(b -> bugs.add(b.asText()));
        Map<String, String> options = new TreeMap<>();
        spec.path("dbOptions")
                .properties()
                .forEach(e -> options.put(e.getKey(), e.getValue().asText()));
        Db db;
        try {
            db = Dbs.create(dbName, bugs, options);
        } catch (IllegalArgumentException e) {
            out.println("note: the run's db cannot be made here (" + e.getMessage()
                    + "), so the run is judged as promising linearizability");
            return new ConsistencyCheck(Consistency.LINEARIZABLE, workload.checker(), Optional.empty());
        }
        return ConsistencyCheck.choose(db, workload);
    }
}
