package io.faultline.checkers.linear;

import io.faultline.checkers.history.Operation;

/** An operation the model does not understand; the message names the model, the operation and what was expected. */
public final class ModelMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Operation operation;

    public ModelMismatchException(String model, Operation operation, String expected) {
        super("model " + model + " cannot check " + operation.describe() + ": expected " + expected);
        this.operation = operation;
    }

    public Operation operation() {
        return operation;
    }

    /** Source line of the operation's invocation, or 0. */
    public int line() {
        return operation.invocationLine();
    }
}
