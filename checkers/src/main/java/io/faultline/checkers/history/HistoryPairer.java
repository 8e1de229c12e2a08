package io.faultline.checkers.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a history op by op and pairs each invocation with its completion. Feed ops in history order with {@link
 * #accept}, then call {@link #finish}. Rules checked, each named in the exception it throws:
 *
 * <ul>
 *   <li>op indices increase;
 *   <li>an ok or fail completion follows an invocation by the same process, with the same f;
 *   <li>a process has at most one outstanding operation;
 *   <li>a process whose operation completed with info never invokes again (Knossos refuses it too: its {@code
 *       history/complete} keeps an info's invocation outstanding).
 * </ul>
 *
 * The order of the history is the order of its ops, as in Jepsen: times are informational, and a time that goes
 * backwards (clocks of several client machines, merged histories) is only a warning. Ops of non-client processes
 * (the nemesis, any named process) are counted and set aside. A client's info with no invocation constrains nothing
 * (Knossos's {@code pairs+} keeps it alone) and is set aside with a warning. Invocations still outstanding at the end
 * become {@link Operation.Outcome#PENDING}, as Knossos's {@code with-synthetic-infos} makes them info.
 */
public final class HistoryPairer {
    public static final String RULE_INDEX = "op indices must increase";
    /** The warning for a time that goes backwards: not a rule, the order of the file is the history's order. */
    public static final String WARN_TIME = "op time goes backwards; times are informational, the file's order is used";
    /** The warning for an info completion no invocation precedes. */
    public static final String WARN_LONE_INFO = "an info completion without an invocation constrains nothing; ignored";

    public static final String RULE_ORPHAN = "a completion must follow an invocation by the same process";
    public static final String RULE_SAME_F = "a completion must have the same f as its invocation";
    public static final String RULE_ONE_OUTSTANDING = "a process may have at most one outstanding operation";
    public static final String RULE_NO_REUSE_AFTER_INFO =
            "a process whose operation completed with info never invokes again";

    private record Pending(int slot, Op invocation, long position, int line) {}

    private final Map<ProcessId, Pending> outstanding = new HashMap<>();
    private final Set<ProcessId> crashed = new HashSet<>();
    private final List<Operation> operations = new ArrayList<>();
    private long position;
    private long lastIndex = -1;
    private long lastTime = -1;
    private long nemesisOps;
    private final Warnings warnings = new Warnings();

    /** Validates and records one op; {@code line} is its source line, or 0. */
    public void accept(Op op, int line) {
        if (op.index() <= lastIndex) {
            throw new MalformedHistoryException(RULE_INDEX + " (previous index " + lastIndex + ")", op, line);
        }
        lastIndex = op.index();
        if (op.time() >= 0) {
            if (op.time() < lastTime) {
                warnings.add(WARN_TIME, line, op, "previous time " + lastTime);
            }
            lastTime = Math.max(lastTime, op.time());
        }
        long pos = position++;
        if (!op.process().isClient()) {
            nemesisOps++;
            return;
        }
        if (op.type() == OpType.INVOKE) {
            if (crashed.contains(op.process())) {
                throw new MalformedHistoryException(RULE_NO_REUSE_AFTER_INFO, op, line);
            }
            Pending previous = outstanding.get(op.process());
            if (previous != null) {
                throw new MalformedHistoryException(
                        RULE_ONE_OUTSTANDING + " (still outstanding: "
                                + previous.invocation().describe() + ")",
                        op,
                        line);
            }
            Pending p = new Pending(operations.size(), op, pos, line);
            operations.add(null);
            outstanding.put(op.process(), p);
            return;
        }
        Pending p = outstanding.remove(op.process());
        if (p == null && op.type() == OpType.INFO) {
            warnings.add(WARN_LONE_INFO, line, op, null);
            return;
        }
        if (p == null) {
            throw new MalformedHistoryException(RULE_ORPHAN, op, line);
        }
        if (!p.invocation().f().equals(op.f())) {
            throw new MalformedHistoryException(
                    RULE_SAME_F + " (invoked " + p.invocation().f() + ")", op, line);
        }
        Operation.Outcome outcome = switch (op.type()) {
            case OK -> Operation.Outcome.OK;
            case FAIL -> Operation.Outcome.FAIL;
            default -> Operation.Outcome.INFO;
        };
        if (outcome == Operation.Outcome.INFO) {
            crashed.add(op.process());
        }
        long ret = outcome == Operation.Outcome.INFO ? Long.MAX_VALUE : pos;
        operations.set(
                p.slot(),
                new Operation(
                        p.slot(),
                        op.process(),
                        op.f(),
                        p.invocation().value(),
                        op.value(),
                        outcome,
                        p.position(),
                        ret,
                        p.invocation(),
                        op,
                        p.line(),
                        line));
    }

    /** Pairs a whole history in memory, its ops numbered as lines 1, 2, ... in the messages. */
    public static PairedHistory pair(java.util.List<Op> history) {
        HistoryPairer pairer = new HistoryPairer();
        int line = 0;
        for (Op op : history) {
            pairer.accept(op, ++line);
        }
        return pairer.finish();
    }

    /** Ends the history: outstanding invocations become pending operations. */
    public PairedHistory finish() {
        for (Pending p : outstanding.values()) {
            Op inv = p.invocation();
            operations.set(
                    p.slot(),
                    new Operation(
                            p.slot(),
                            inv.process(),
                            inv.f(),
                            inv.value(),
                            null,
                            Operation.Outcome.PENDING,
                            p.position(),
                            Long.MAX_VALUE,
                            inv,
                            null,
                            p.line(),
                            0));
        }
        outstanding.clear();
        return new PairedHistory(operations, position, nemesisOps, warnings.list());
    }
}
