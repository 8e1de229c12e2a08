package io.faultline.harness.run;

import io.faultline.api.Db;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.history.Op;
import io.faultline.workloads.Consistency;
import io.faultline.workloads.Workload;
import java.util.List;
import java.util.Optional;

/**
 * Which checker gives a run its verdict. A db that promises nothing ({@link Db.ConsistencyPromise}) is taken to
 * promise linearizability and gets the workload's usual checker. A db that promises less, such as sequential
 * consistency, is judged by the workload's checker for that model ({@link Workload#checker(Consistency)}), and the
 * usual linearizability checker runs too, its verdict shown beside (it does not count); a workload without a
 * checker for the promised model keeps its usual one, and the run says the promised check did not apply.
 *
 * @param promised what the db promises
 * @param judge the workload checker whose verdict is the run's (the harness adds its guards around it)
 * @param beside the linearizability checker when it does not judge the run but is shown beside, else empty
 */
public record ConsistencyCheck(Consistency promised, Checker judge, Optional<Checker> beside) {

    /** The sentence the report and the summary give on the difference between the two verdicts. */
    public static final String DIFFERENCE = "Sequential consistency asks for one order of all operations that respects"
            + " each client's own order; linearizability also asks that it respect real time, so a read served by a"
            + " replica that has not yet seen a write another client already saw acknowledged (a stale read) is"
            + " sequentially consistent but not linearizable.";

    /** The checkers for a run of {@code workload} on {@code db}. */
    public static ConsistencyCheck choose(Db db, Workload workload) {
        Consistency promised = db instanceof Db.ConsistencyPromise p ? p.promises() : Consistency.LINEARIZABLE;
        Checker usual = workload.checker();
        if (promised == Consistency.LINEARIZABLE) {
            return new ConsistencyCheck(promised, usual, Optional.empty());
        }
        return workload.checker(promised)
                .map(weaker -> new ConsistencyCheck(promised, weaker, Optional.of(usual)))
                .orElseGet(() -> new ConsistencyCheck(promised, usual, Optional.empty()));
    }

    /** Whether the workload had a checker for the promised model (always true for linearizability). */
    public boolean applied() {
        return promised == Consistency.LINEARIZABLE || beside.isPresent();
    }

    /**
     * What to show beside the run's verdict, given the run's merged {@code result} (with the judge's result among
     * its parts); runs the checker shown beside on {@code history}. Empty for a db promising linearizability.
     */
    public Optional<ConsistencyVerdicts> verdicts(Workload workload, CheckResult result, List<Op> history) {
        if (promised == Consistency.LINEARIZABLE) {
            return Optional.empty();
        }
        if (!applied()) {
            return Optional.of(new ConsistencyVerdicts(
                    promised,
                    false,
                    List.of(),
                    "The db promises " + promised.label() + " consistency, but the " + workload.name()
                            + " workload has no " + promised.label() + " checker, so the " + promised.label()
                            + " check did not apply: the run is judged by its usual checker (" + judge.name()
                            + ")."));
        }
        CheckResult judged = result.parts().stream()
                .filter(p -> p.checker().equals(judge.name()))
                .findFirst()
                .orElse(result);
        CheckResult linear = Checker.safely(beside.orElseThrow(), history);
        return Optional.of(new ConsistencyVerdicts(
                promised,
                true,
                List.of(
                        new ConsistencyVerdicts.ModelVerdict(promised, true, judged),
                        new ConsistencyVerdicts.ModelVerdict(Consistency.LINEARIZABLE, false, linear)),
                DIFFERENCE));
    }
}
