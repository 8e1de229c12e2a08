package io.faultline.checkers.format;

/** A history file that cannot be read: the message is {@code file:line: what was expected}. */
public final class HistoryFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    public HistoryFormatException(String file, int line, String problem) {
        super(location(file, line) + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public HistoryFormatException(String file, int line, String problem, Throwable cause) {
        super(location(file, line) + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    private static String location(String file, int line) {
        return line > 0 ? file + ":" + line + ": " : file + ": ";
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
