package io.faultline.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A run's folder, Jepsen's store layout: {@code STORE/<test-name>/<timestamp>/} with {@code history.jsonl},
 * {@code test.json}, {@code results.json}, {@code harness.log} and {@code <node>/node.log}; {@code STORE/latest}
 * and {@code STORE/<test-name>/latest} point at the newest run.
 */
public record RunDirectory(Path store, Path path) {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .build();

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS");

    public static RunDirectory create(Path store, String testName) {
        if (!testName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "a test name is letters, digits, '.', '_' or '-', not '" + testName + "'");
        }
        try {
            Path parent = store.resolve(testName);
            Files.createDirectories(parent);
            Path dir = parent.resolve(LocalDateTime.now().format(STAMP));
            while (Files.exists(dir)) {
                dir = parent.resolve(LocalDateTime.now().format(STAMP));
            }
            Files.createDirectory(dir);
            return new RunDirectory(store, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run directory under " + store + ": " + e.getMessage(), e);
        }
    }

    public Path history() {
        return path.resolve("history.jsonl");
    }

    public Path results() {
        return path.resolve("results.json");
    }

    public Path test() {
        return path.resolve("test.json");
    }

    public Path log() {
        return path.resolve("harness.log");
    }

    public void writeJson(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Points {@code latest} links at this run (relative links, so the store can move). */
    public void markLatest() {
        link(store.resolve("latest"), store.relativize(path));
        link(path.getParent().resolve("latest"), path.getFileName());
    }

    private static void link(Path link, Path target) {
        try {
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, target);
        } catch (IOException | UnsupportedOperationException e) {
            // a store on a file system without links still works; only the shortcut is missing
        }
    }
}
