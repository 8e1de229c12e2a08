package io.faultline.harness.run;

import io.faultline.checkers.format.JsonLinesWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The history as it happens: every op gets the next index and is written to {@code history.jsonl} and flushed
 * before the harness goes on (an invocation before it is dispatched), so a harness killed at any moment leaves a
 * file readable up to its last complete line. Also kept in memory for the checkers.
 */
public final class HistoryJournal implements AutoCloseable {

    private final BufferedWriter file;
    private final JsonLinesWriter writer;
    private final List<Op> ops = new ArrayList<>();
    private final java.util.function.Consumer<Op> listener;

    public HistoryJournal(Path path) {
        this(path, op -> {});
    }

    /** @param listener told of every op once it is on disk (live metrics) */
    public HistoryJournal(Path path, java.util.function.Consumer<Op> listener) {
        this.listener = listener;
        try {
            Files.createDirectories(path.getParent());
            this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the history " + path + ": " + e.getMessage(), e);
        }
        this.writer = new JsonLinesWriter(file);
    }

    /** Appends an op with the next index and returns it. */
    public synchronized Op append(
            long time,
            OpType type,
            ProcessId process,
            String f,
            @Nullable Object value,
            @Nullable Object error,
            @Nullable String node,
            Map<String, Object> extra) {
        Op op = new Op(ops.size(), time, type, process, f, value, error, node, extra);
        writer.write(op);
        try {
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history: " + e.getMessage(), e);
        }
        ops.add(op);
        listener.accept(op);
        return op;
    }

    public synchronized List<Op> ops() {
        return Collections.unmodifiableList(new ArrayList<>(ops));
    }

    @Override
    public synchronized void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
