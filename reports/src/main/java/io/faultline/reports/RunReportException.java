package io.faultline.reports;

import java.nio.file.Path;

/** A run directory that cannot be reported on, or a report that cannot be written; the message names the file. */
public final class RunReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunReportException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    public RunReportException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
