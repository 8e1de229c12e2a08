package io.faultline.harness.cli;

/** The exit codes of every {@code faultline} subcommand. */
public final class ExitCodes {
    /** Valid, or the command succeeded. */
    public static final int OK = 0;
    /** A checked history is invalid. */
    public static final int INVALID = 1;
    /** The verdict is unknown. */
    public static final int UNKNOWN = 2;
    /**
     * A run's client broke a client rule (a timeout or a lost connection returned as fail, a null completion), and
     * no run was invalid: the history is valid or unknown as recorded, but the client needs fixing first.
     */
    public static final int CLIENT_RULES_BROKEN = 3;
    /** Bad arguments or unreadable input; the message names the argument or file:line and the rule broken. */
    public static final int BAD_INPUT = 254;
    /** Faultline itself failed (or its environment did: the message says how to fix it). */
    public static final int CRASH = 255;

    private ExitCodes() {}

    /** The exit code of runs with this merged verdict: invalid wins, then a broken client rule, then the verdict. */
    static int ofRuns(io.faultline.checkers.Verdict merged, boolean clientRulesBroken) {
        if (merged == io.faultline.checkers.Verdict.INVALID || !clientRulesBroken) {
            return merged.exitCode();
        }
        return CLIENT_RULES_BROKEN;
    }
}
