package io.faultline.checkers.history;

/** A history that breaks one of the op-model rules; the message names the rule and the offending op. */
public final class MalformedHistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final transient Op op;
    private final int line;

    public MalformedHistoryException(String rule, Op op, int line) {
        super((line > 0 ? "line " + line + ": " : "") + rule + " (op " + op.describe() + ")");
        this.rule = rule;
        this.op = op;
        this.line = line;
    }

    /** The rule broken, in words. */
    public String rule() {
        return rule;
    }

    public Op op() {
        return op;
    }

    /** Source line of the op, or 0. */
    public int line() {
        return line;
    }
}
