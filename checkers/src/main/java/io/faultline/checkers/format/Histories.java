package io.faultline.checkers.format;

import io.faultline.checkers.history.HistoryPairer;
import io.faultline.checkers.history.MalformedHistoryException;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.PairedHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opening, format detection and loading of history files. */
public final class Histories {
    private static final int SNIFF_CHARS = 16 * 1024;

    private Histories() {}

    /**
     * A read and validated history.
     *
     * @param history the paired operations
     * @param format the format it was read as
     * @param ignoredTruncation in lenient mode, the truncated last line that was skipped, or null
     */
    public record Loaded(
            PairedHistory history,
            HistoryFormat format,
            @Nullable String ignoredTruncation) {

        /** What was odd in the file but not wrong: the ignored truncation, then the history's own warnings. */
        public java.util.List<String> warnings() {
            java.util.List<String> all = new java.util.ArrayList<>();
            if (ignoredTruncation != null) {
                all.add(ignoredTruncation);
            }
            all.addAll(history.warnings());
            return all;
        }
    }

    /** Reads, validates and pairs a whole file; {@code format} null means detect it from the content. */
    public static Loaded load(Path file, @Nullable HistoryFormat format, boolean lenient) {
        return load(file, format, lenient, ReadLimits.DEFAULT);
    }

    /** Reads, validates and pairs a whole file within the given limits (and deadline). */
    public static Loaded load(Path file, @Nullable HistoryFormat format, boolean lenient, ReadLimits limits) {
        HistoryFormat actual = format != null ? format : detect(file);
        try (HistoryReader reader = open(file, actual, lenient, limits)) {
            return new Loaded(pair(reader), actual, reader.ignoredTruncation());
        }
    }

    /** Reads, validates and pairs a history from any reader. */
    public static PairedHistory pair(HistoryReader reader) {
        HistoryPairer pairer = new HistoryPairer();
        Op op;
        while ((op = reader.next()) != null) {
            try {
                pairer.accept(op, reader.line());
            } catch (MalformedHistoryException e) {
                throw new HistoryFormatException(
                        reader.source(), reader.line(), e.getMessage().replaceFirst("^line \\d+: ", ""), e);
            }
        }
        return pairer.finish();
    }

    /** Opens a file as a streaming op reader in the given format. */
    public static HistoryReader open(Path file, HistoryFormat format, boolean lenient) {
        return open(file, format, lenient, ReadLimits.DEFAULT);
    }

    /** Opens a file as a streaming op reader that enforces {@code limits}. */
    public static HistoryReader open(Path file, HistoryFormat format, boolean lenient, ReadLimits limits) {
        return open(reader(file, limits), file.toString(), format, lenient, limits);
    }

    /** Opens any character source as a streaming op reader. */
    public static HistoryReader open(Reader in, String source, HistoryFormat format, boolean lenient) {
        return open(in, source, format, lenient, ReadLimits.DEFAULT);
    }

    private static HistoryReader open(
            Reader in, String source, HistoryFormat format, boolean lenient, ReadLimits limits) {
        return switch (format) {
            case JSONL -> new JsonLinesReader(in, source, lenient, limits);
            case EDN -> new EdnHistoryReader(in, source, lenient);
            case JEPSEN_LOG -> new JepsenLogReader(in, source, limits);
        };
    }

    /**
     * Refuses, before opening it, a path that is not a regular file no larger than {@link ReadLimits#maxBytes()}: a
     * FIFO or device could block forever or never end, a directory is not a history.
     */
    public static void requireRegularFile(Path file, ReadLimits limits) {
        String name = file.toString();
        if (!Files.exists(file)) {
            throw new HistoryFormatException(name, 0, "cannot read the file: it does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new HistoryFormatException(name, 0, "cannot read the file: it is a directory");
        }
        if (!Files.isRegularFile(file)) {
            throw new HistoryFormatException(
                    name,
                    0,
                    "cannot read the file: it is not a regular file (a FIFO, device or socket); check reads only"
                            + " regular files, so that it never waits for a writer");
        }
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw new HistoryFormatException(
                        name,
                        0,
                        "the file is " + size + " bytes, larger than " + ReadLimits.describeBytes(limits.maxBytes())
                                + " (the reader's limit)");
            }
        } catch (IOException e) {
            throw new HistoryFormatException(name, 0, "cannot read the file: " + e.getMessage());
        }
    }

    /** Detects a file's format from its first characters. */
    public static HistoryFormat detect(Path file) {
        char[] buf = new char[SNIFF_CHARS];
        int n = 0;
        try (Reader in = reader(file, ReadLimits.DEFAULT)) {
            int r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
                n += r;
            }
        } catch (IOException e) {
            throw new HistoryFormatException(file.toString(), 0, "cannot read the file: " + e.getMessage());
        }
        return detect(new String(buf, 0, n), file.toString());
    }

    /**
     * Detects a format from the start of a history: Jepsen log lines contain {@code jepsen.util - }; a first
     * element {@code {"} is JSON; {@code {:}, {@code [} or {@code (} is EDN. An empty history reads as JSON Lines.
     */
    public static HistoryFormat detect(String head, String source) {
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        if (head.contains(JepsenLogReader.MARKER)) {
            return HistoryFormat.JEPSEN_LOG;
        }
        BufferedReader lines = new BufferedReader(new StringReader(head));
        int lineNo = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith(";")) {
                    continue;
                }
                if (t.startsWith("[") || t.startsWith("(") || t.startsWith("#")) {
                    return HistoryFormat.EDN;
                }
                if (t.startsWith("{")) {
                    String rest = t.substring(1).stripLeading();
                    return rest.startsWith("\"") || rest.startsWith("}") ? HistoryFormat.JSONL : HistoryFormat.EDN;
                }
                throw new HistoryFormatException(
                        source,
                        lineNo,
                        "cannot tell the format: expected a JSON object, an EDN map, vector or list, or Jepsen log"
                                + " lines ('jepsen.util - ...'); name it with --format");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HistoryFormat.JSONL;
    }

    private static Reader reader(Path file, ReadLimits limits) {
        requireRegularFile(file, limits);
        try {
            return new HistoryInput(Files.newInputStream(file), file.toString(), limits);
        } catch (NoSuchFileException e) {
            throw new HistoryFormatException(file.toString(), 0, "cannot read the file: it does not exist");
        } catch (IOException e) {
            throw new HistoryFormatException(file.toString(), 0, "cannot read the file: " + e.getMessage());
        }
    }
}
