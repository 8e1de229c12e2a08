package io.faultline.harness.cli;

/** The exit codes of every {@code faultline} subcommand. */
public final class ExitCodes {
    /** Valid, or the command succeeded. */
    public static final int OK = 0;
    /** A checked history is invalid. */
    public static final int INVALID = 1;
    /** The verdict is unknown. */
    public static final int UNKNOWN = 2;
    /** Bad arguments or unreadable input; the message names the argument or file:line and the rule broken. */
    public static final int BAD_INPUT = 254;
    /** Faultline itself failed (or its environment did: the message says how to fix it). */
    public static final int CRASH = 255;

    private ExitCodes() {}
}
