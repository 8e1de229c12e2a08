package io.faultline.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The report of one run: reads a run directory ({@code history.jsonl}, {@code results.json}, {@code test.json}, the
 * node logs) and writes {@code report.html} into it, a single page that opens offline from disk: the summary and
 * verdicts, counts per f, the faults and whether each was verified, availability per fault window, latency and
 * throughput charts with the fault windows shaded, a timeline of every operation, the linearizability
 * counterexample, and links to the run's files. Missing or damaged files are named in the report, not fatal; only a
 * history whose bytes cannot be read leaves nothing to report on.
 */
public final class RunReport {
    /** The report's file name inside a run directory. */
    public static final String FILE_NAME = "report.html";

    private RunReport() {}

    /**
     * Writes {@code report.html} into the run directory (atomically: a reader never sees half a report).
     *
     * @return the report's path
     * @throws RunReportException when the directory does not exist, its history cannot be read (an I/O error, or bytes
     *     that are not UTF-8: the message names the file and line), or the report cannot be written
     */
    public static Path write(Path runDirectory) {
        String page = render(runDirectory);
        Path target = runDirectory.resolve(FILE_NAME);
        try {
            Path tmp = Files.createTempFile(runDirectory, ".report-", ".html.tmp");
            try {
                Files.writeString(tmp, page, StandardCharsets.UTF_8);
                readableByAll(tmp);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new RunReportException(target, "cannot write the report: " + e.getMessage(), e);
        }
        return target;
    }

    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary file's default permissions stay
        }
    }

    /**
     * The report page of a run directory, without writing it.
     *
     * @throws RunReportException as {@link #write} does, except for writing
     */
    public static String render(Path runDirectory) {
        return ReportPage.render(RunFiles.read(runDirectory));
    }
}
