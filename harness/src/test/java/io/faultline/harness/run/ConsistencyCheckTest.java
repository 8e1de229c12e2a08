package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.harness.db.BundledStore;
import io.faultline.harness.db.InMemoryDb;
import io.faultline.workloads.Consistency;
import io.faultline.workloads.Workload;
import io.faultline.workloads.Workloads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which checker judges a run, from what the db promises and what the workload can check. */
class ConsistencyCheckTest {

    private static Workload workload(String name) {
        return Workloads.create(name, new Workloads.WorkloadOptions(3, 5));
    }

    private static BundledStore store(String readMode) {
        return BundledStore.create(List.of(), readMode.isEmpty() ? Map.of() : Map.of("read-mode", readMode));
    }

    /** Process 0 writes 1 and completes; then process 1 reads the initial null: stale, yet sequential. */
    private static List<Op> staleRead() {
        return List.of(
                Op.of(0, OpType.INVOKE, ProcessId.client(0), "write", 1L),
                Op.of(1, OpType.OK, ProcessId.client(0), "write", 1L),
                Op.of(2, OpType.INVOKE, ProcessId.client(1), "read", null),
                Op.of(3, OpType.OK, ProcessId.client(1), "read", null));
    }

    @Test
    void a_db_that_promises_nothing_is_judged_by_the_workloads_usual_checker_alone() {
        ConsistencyCheck check = ConsistencyCheck.choose(new InMemoryDb(), workload("register"));

        assertThat(check.promised()).isEqualTo(Consistency.LINEARIZABLE);
        assertThat(check.judge().name()).isEqualTo("linearizable");
        assertThat(check.beside()).isEmpty();
        assertThat(check.verdicts(workload("register"), CheckResult.unknown("x", "y"), staleRead()))
                .isEmpty();
    }

    @Test
    void the_raft_store_promises_linearizability_in_its_default_read_mode_and_sequential_consistency_in_sequential() {
        assertThat(store("").promises()).isEqualTo(Consistency.LINEARIZABLE);
        assertThat(store("lease").promises()).isEqualTo(Consistency.LINEARIZABLE);
        assertThat(store("sequential").promises()).isEqualTo(Consistency.SEQUENTIAL);
    }

    @Test
    void
            every_register_workload_promised_sequential_consistency_is_judged_by_the_sequential_checker_with_linearizability_beside() {
        for (String name : List.of("register", "cas-register", "multi-register")) {
            ConsistencyCheck check = ConsistencyCheck.choose(store("sequential"), workload(name));

            assertThat(check.judge().name()).as(name).isEqualTo("sequential");
            assertThat(check.beside())
                    .as(name)
                    .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("linearizable"));
            assertThat(check.applied()).as(name).isTrue();
        }
    }

    @Test
    void a_stale_read_makes_the_run_valid_by_its_sequential_verdict_and_invalid_beside_it_for_linearizability() {
        Workload register = workload("register");
        ConsistencyCheck check = ConsistencyCheck.choose(store("sequential"), register);
        CheckResult run = TestRunner.check(check.judge(), false, staleRead());

        ConsistencyVerdicts verdicts =
                check.verdicts(register, run, staleRead()).orElseThrow();

        assertThat(run.verdict()).as("the run's verdict").isEqualTo(Verdict.VALID);
        assertThat(verdicts.verdict(Consistency.SEQUENTIAL)).hasValue(Verdict.VALID);
        assertThat(verdicts.verdict(Consistency.LINEARIZABLE)).hasValue(Verdict.INVALID);
        assertThat(verdicts.verdicts())
                .extracting(ConsistencyVerdicts.ModelVerdict::judgesTheRun)
                .containsExactly(true, false);
        Map<String, Object> json = TestRunner.resultsJson(run, List.of(), Optional.of(verdicts));
        assertThat(json).containsEntry("valid", true);
        assertThat(json.get("consistency").toString())
                .contains("promised=sequential", "model=linearizable", "verdict=invalid", "judges_the_run=false");
        RunResult result = new RunResult(
                Path.of("store/x/1"), run.verdict(), run, 4, Duration.ofSeconds(1), List.of(), Optional.of(verdicts));
        assertThat(result.describe())
                .contains(
                        "sequential (promised; the run's verdict): valid; linearizable (shown beside): invalid",
                        "a stale read");
    }

    @Test
    void
            a_workload_without_a_sequential_checker_keeps_its_usual_one_and_the_run_says_the_sequential_check_did_not_apply() {
        Workload set = workload("set");
        ConsistencyCheck check = ConsistencyCheck.choose(store("sequential"), set);

        ConsistencyVerdicts verdicts =
                check.verdicts(set, CheckResult.unknown("x", "y"), List.of()).orElseThrow();

        assertThat(check.judge().name()).isEqualTo(set.checker().name());
        assertThat(check.applied()).isFalse();
        assertThat(verdicts.verdicts()).isEmpty();
        assertThat(verdicts.describe())
                .isEqualTo("The db promises sequential consistency, but the set workload has no sequential checker,"
                        + " so the sequential check did not apply: the run is judged by its usual checker ("
                        + set.checker().name() + ").");
        assertThat(TestRunner.resultsJson(CheckResult.unknown("x", "y"), List.of(), Optional.of(verdicts))
                        .get("consistency")
                        .toString())
                .contains("applied=false");
    }
}
