package io.faultline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.faultline.checkers.format.HistoryFormatException;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.format.JsonLinesReader;
import io.faultline.checkers.history.HistoryPairer;
import io.faultline.checkers.history.MalformedHistoryException;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.PairedHistory;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a run directory holds, read once: {@code test.json}, {@code results.json}, {@code history.jsonl} (read
 * leniently: a truncated last line is skipped and noted) and the node logs. A missing or unreadable file is a
 * {@link #problems() problem} to show in the report, not a reason to fail it; so is a history line that is read but
 * is not an op. A history whose bytes cannot be read (an I/O error, or bytes that are not UTF-8) is: without it
 * there is nothing to report on, and {@link #read} throws a {@link RunReportException} naming the file and line.
 *
 * @param directory the run directory
 * @param test {@code test.json}, or a missing node
 * @param results {@code results.json}, or a missing node
 * @param history every op, client and nemesis, in order
 * @param paired the client operations paired, or null when the history breaks a rule of the op model
 * @param nodeLogs the node logs, relative to the directory ({@code n1/node.log}), sorted
 * @param problems what could not be read, in words
 */
record RunFiles(
        Path directory,
        JsonNode test,
        JsonNode results,
        List<Op> history,
        @Nullable PairedHistory paired,
        List<String> nodeLogs,
        List<String> problems) {

    static final String HISTORY = "history.jsonl";
    static final String RESULTS = "results.json";
    static final String TEST = "test.json";
    static final String HARNESS_LOG = "harness.log";
    static final String NODE_LOG = "node.log";

    private static final ObjectMapper JSON = new ObjectMapper();

    RunFiles {
        history = List.copyOf(history);
        nodeLogs = List.copyOf(nodeLogs);
        problems = List.copyOf(problems);
    }

    static RunFiles read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RunReportException(directory, "not a run directory (it does not exist or is not a directory)");
        }
        List<String> problems = new ArrayList<>();
        JsonNode test = json(directory.resolve(TEST), problems);
        JsonNode results = json(directory.resolve(RESULTS), problems);
        List<Op> history = new ArrayList<>();
        Path historyFile = directory.resolve(HISTORY);
        if (Files.isRegularFile(historyFile)) {
            try (BufferedReader in = Files.newBufferedReader(historyFile, StandardCharsets.UTF_8);
                    HistoryReader reader = new JsonLinesReader(in, historyFile.toString(), true)) {
                for (Op op; (op = reader.next()) != null; ) {
                    history.add(op);
                }
                if (reader.ignoredTruncation() != null) {
                    problems.add(reader.ignoredTruncation());
                }
            } catch (HistoryFormatException e) {
                problems.add(HISTORY + " is read only up to the error: " + e.getMessage());
            } catch (IOException | UncheckedIOException e) {
                throw unreadable(historyFile, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
            }
        } else {
            problems.add(HISTORY + " is missing");
        }
        PairedHistory paired = pair(history, problems);
        return new RunFiles(directory, test, results, history, paired, nodeLogs(directory), problems);
    }

    /** A history that cannot be read, named with the line where reading stopped (counted from 1). */
    private static RunReportException unreadable(Path history, IOException cause) {
        String why = cause instanceof CharacterCodingException
                ? "it is not UTF-8 (" + cause.getMessage() + ")"
                : String.valueOf(cause.getMessage());
        return new RunReportException(
                history, "line " + unreadableLine(history) + " cannot be read, so no report: " + why, cause);
    }

    /**
     * The first line of a file that is not UTF-8, or the line being read when an I/O error stopped the reading.
     * Only called once reading has failed, so it may be slow; it holds one line at a time.
     */
    static long unreadableLine(Path file) {
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            for (int b; (b = in.read()) >= 0; ) {
                if (b != '\n') {
                    current.write(b);
                    continue;
                }
                if (!decodes(strict, current.toByteArray())) {
                    return line;
                }
                current.reset();
                line++;
            }
            return line;
        } catch (IOException e) {
            return line;
        }
    }

    private static boolean decodes(CharsetDecoder strict, byte[] bytes) {
        try {
            strict.reset().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The test's arguments ({@code test.json}'s {@code spec}), or a missing node. */
    JsonNode spec() {
        return test.path("spec");
    }

    /** The test's name from {@code test.json}, else the name of the directory's parent. */
    String testName() {
        String name = spec().path("name").asText("");
        if (!name.isEmpty()) {
            return name;
        }
        Path parent = directory.toAbsolutePath().getParent();
        return parent == null || parent.getFileName() == null
                ? ""
                : parent.getFileName().toString();
    }

    /** Time of the last op, nanoseconds since the start, or 0 for an empty history. */
    long endNs() {
        long end = 0;
        for (int i = history.size() - 1; i >= 0 && end == 0; i--) {
            end = Math.max(end, history.get(i).time());
        }
        return end;
    }

    private static @Nullable PairedHistory pair(List<Op> history, List<String> problems) {
        HistoryPairer pairer = new HistoryPairer();
        int line = 0;
        try {
            for (Op op : history) {
                pairer.accept(op, ++line);
            }
            return pairer.finish();
        } catch (MalformedHistoryException e) {
            problems.add(HISTORY + " breaks a rule of the op model, so operations are not paired: " + e.getMessage());
            return null;
        }
    }

    private static JsonNode json(Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file.getFileName() + " is missing");
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            problems.add(file.getFileName() + " is not JSON: " + e.getMessage());
            return MissingNode.getInstance();
        }
    }

    private static List<String> nodeLogs(Path directory) {
        try (Stream<Path> children = Files.list(directory)) {
            return children.filter(Files::isDirectory)
                    .map(d -> d.resolve(NODE_LOG))
                    .filter(Files::isRegularFile)
                    .map(f -> directory.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
