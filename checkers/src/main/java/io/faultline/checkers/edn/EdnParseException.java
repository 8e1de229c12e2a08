package io.faultline.checkers.edn;

/** Input that is not valid EDN; the message names the source, the line and column, and what was expected. */
public final class EdnParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    public EdnParseException(String source, int line, int column, String problem) {
        super(source + ":" + line + ":" + column + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What was wrong, without the location prefix. */
    public String problem() {
        return problem;
    }
}
