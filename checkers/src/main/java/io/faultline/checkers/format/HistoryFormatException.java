package io.faultline.checkers.format;

/** A history file that cannot be read: the message is {@code file:line: what was expected}. */
public final class HistoryFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    public HistoryFormatException(String file, int line, String problem) {
        super(location(file, line) + printable(problem));
        this.file = file;
        this.line = line;
        this.problem = printable(problem);
    }

    public HistoryFormatException(String file, int line, String problem, Throwable cause) {
        super(location(file, line) + printable(problem), cause);
        this.file = file;
        this.line = line;
        this.problem = printable(problem);
    }

    /** The problem on one line: control characters quoted from the input are shown as escapes. */
    private static String printable(String problem) {
        StringBuilder sb = new StringBuilder(problem.length());
        problem.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
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
