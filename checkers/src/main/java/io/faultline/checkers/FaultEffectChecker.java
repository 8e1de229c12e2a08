package io.faultline.checkers;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.List;
import java.util.Map;

/**
 * Guards against a run whose faults never happened: nemesis completions record {@code {"verified": true, ...}}
 * when a fault's effect was observed. If faults were planned and none was verified, the run proves nothing about
 * faults and the verdict is {@link Verdict#UNKNOWN}.
 */
public final class FaultEffectChecker implements Checker {

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public CheckResult check(List<Op> history) {
        long attempted = 0;
        long verified = 0;
        long failed = 0;
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Nemesis)
                    || op.type() == OpType.INVOKE
                    || op.f().equals("heal")) {
                continue;
            }
            attempted++;
            if (op.value() instanceof Map<?, ?> value && Boolean.TRUE.equals(value.get("verified"))) {
                verified++;
            } else if (op.error() != null) {
                failed++;
            }
        }
        String counts = attempted + " fault ops, " + verified + " verified to have taken effect, " + failed + " failed";
        if (attempted == 0) {
            return CheckResult.of(
                    name(),
                    Verdict.UNKNOWN,
                    "the nemesis never acted before the run ended: the run proves nothing about faults",
                    null);
        }
        if (verified == 0) {
            return CheckResult.of(
                    name(),
                    Verdict.UNKNOWN,
                    "no fault was verified to take effect (" + counts + "): the run proves nothing about faults",
                    null);
        }
        return CheckResult.of(name(), Verdict.VALID, counts, null);
    }
}
