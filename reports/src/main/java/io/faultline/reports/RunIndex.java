package io.faultline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The runs of a store ({@code STORE/<test>/<timestamp>/}), newest first. Links ({@code latest}) and hidden entries
 * are skipped, so each run is listed once; a directory counts as a run when it holds a {@code test.json}, {@code
 * results.json} or {@code history.jsonl}. Only the small files and the last line of the history are read.
 */
final class RunIndex {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PARAMETERS =
            List.of("workload", "nemesis", "db", "nodes", "concurrency", "rate", "timeLimit", "keys", "bugs");
    private static final int TAIL_BYTES = 64 * 1024;

    private RunIndex() {}

    static List<RunEntry> scan(Path store) {
        List<RunEntry> runs = new ArrayList<>();
        for (Path test : children(store)) {
            for (Path run : children(test)) {
                if (isRun(run)) {
                    runs.add(entry(test.getFileName().toString(), run));
                }
            }
        }
        runs.sort(Comparator.comparing(RunEntry::runName)
                .thenComparing(RunEntry::testName)
                .reversed());
        return runs;
    }

    /** Runs whose verdict is {@code verdict} (any when blank) and whose test name contains {@code name}. */
    static List<RunEntry> filter(List<RunEntry> runs, String verdict, String name) {
        String v = verdict.strip().toLowerCase(Locale.ROOT);
        String n = name.strip().toLowerCase(Locale.ROOT);
        return runs.stream()
                .filter(r -> v.isEmpty() || r.verdict().equals(v))
                .filter(r ->
                        n.isEmpty() || r.testName().toLowerCase(Locale.ROOT).contains(n))
                .toList();
    }

    static boolean isRun(Path dir) {
        return Stream.of(RunFiles.TEST, RunFiles.RESULTS, RunFiles.HISTORY)
                .anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static RunEntry entry(String testName, Path run) {
        JsonNode test = json(run.resolve(RunFiles.TEST));
        JsonNode results = json(run.resolve(RunFiles.RESULTS));
        JsonNode spec = test.path("spec");
        List<String> parameters = new ArrayList<>();
        for (String p : PARAMETERS) {
            JsonNode v = spec.path(p);
            if (!v.isMissingNode() && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                parameters.add(p + "=" + (v.isValueNode() ? v.asText() : v.toString()));
            }
        }
        return new RunEntry(
                testName,
                run.getFileName().toString(),
                Verdicts.label(results.path("valid")),
                results.path("summary").asText(""),
                test.path("started").asText(""),
                lastTime(run.resolve(RunFiles.HISTORY)),
                parameters);
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static JsonNode json(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : MissingNode.getInstance();
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The {@code time} of the history's last complete line, or -1. */
    static long lastTime(Path history) {
        if (!Files.isRegularFile(history)) {
            return -1;
        }
        try (RandomAccessFile in = new RandomAccessFile(history.toFile(), "r")) {
            long length = in.length();
            int n = (int) Math.min(TAIL_BYTES, length);
            byte[] tail = new byte[n];
            in.seek(length - n);
            in.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                try {
                    JsonNode op = JSON.readTree(lines[i]);
                    if (op != null && op.path("time").isNumber()) {
                        return op.path("time").asLong();
                    }
                } catch (IOException e) {
                    // a truncated last line or the cut first line of the tail: try the one before
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
