package io.faultline.checkers.history;

import java.util.Locale;

/** Jepsen's op types: an invocation and its three kinds of completion. */
public enum OpType {
    /** The client is about to perform the operation. */
    INVOKE,
    /** The operation took effect. */
    OK,
    /** The operation certainly did not take effect. */
    FAIL,
    /** Unknown: the operation may take effect at any later time, or never. */
    INFO;

    /** The lower-case name used in histories: {@code invoke}, {@code ok}, {@code fail}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code invoke|ok|fail|info} (any case); throws naming the accepted values otherwise. */
    public static OpType parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "invoke" -> INVOKE;
            case "ok" -> OK;
            case "fail" -> FAIL;
            case "info" -> INFO;
            default ->
                throw new IllegalArgumentException("type must be one of invoke, ok, fail, info but was '" + text + "'");
        };
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }
}
