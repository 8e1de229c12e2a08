package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.Db;
import io.faultline.api.NodeSetup;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.nemeses.FaultPackage;
import io.faultline.workloads.Workload;
import io.faultline.workloads.Workloads;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every client the harness opens is validated: a broken rule is recorded as info and kept with its op. */
class OpExecutorsRulesTest {

    /** A db whose clients return fail on a timeout, counting the clients it opens. */
    private static class TimeoutAsFailDb implements Db {
        final AtomicInteger opened = new AtomicInteger();

        @Override
        public String name() {
            return "timeout-as-fail";
        }

        @Override
        public NodeSetup nodes() {
            return NodeSetup.none();
        }

        @Override
        public Client openClient(ClusterView cluster, int worker, Workload workload) {
            opened.incrementAndGet();
            return new TimeoutAsFail();
        }
    }

    private static final class TimeoutAsFail implements Client {
        @Override
        public Completion invoke(Invocation op) {
            return Completion.fail(new SocketTimeoutException("Read timed out"));
        }
    }

    @Test
    void a_fail_on_a_timeout_is_recorded_as_info_kept_as_a_violation_and_the_client_is_reopened() {
        TimeoutAsFailDb db = new TimeoutAsFailDb();
        Workload register = Workloads.create("register", Workloads.WorkloadOptions.defaults());
        Invocation write = new Invocation(Worker.client(0), 1234, "write", 2L, Map.of());
        try (OpExecutors executors =
                new OpExecutors(db, register, null, FaultPackage.none().nemesis(), null, Duration.ofSeconds(5))) {
            Interpreter.Done first = executors.perform(Worker.client(0), ProcessId.client(0), write);
            Interpreter.Done second = executors.perform(Worker.client(0), ProcessId.client(10), write);

            assertThat(first.type()).isEqualTo(OpType.INFO);
            assertThat(first.error())
                    .isEqualTo("client rule broken: a timeout is info, never fail — it returned fail with error"
                            + " java.net.SocketTimeoutException: Read timed out");
            assertThat(second.type()).isEqualTo(OpType.INFO);
            assertThat(db.opened)
                    .as("the process ended with the info, so a fresh client serves the next")
                    .hasValue(2);
            assertThat(executors.violations()).hasSize(2).first().satisfies(v -> {
                assertThat(v.rule()).isEqualTo(ClientRules.Rule.TIMEOUT_IS_INFO);
                assertThat(v.process()).isEqualTo(ProcessId.client(0));
                assertThat(v.time()).isEqualTo(1234);
                assertThat(v.f()).isEqualTo("write");
                assertThat(v.client()).isEqualTo(TimeoutAsFail.class.getName());
            });
        }
    }

    @Test
    void a_db_that_cannot_open_a_client_fails_the_op_instead_of_stopping_the_worker() {
        Db unreachable = new TimeoutAsFailDb() {
            @Override
            public Client openClient(ClusterView cluster, int worker, Workload workload) {
                throw new IllegalStateException("n1 is down and has no address now");
            }
        };
        Workload register = Workloads.create("register", Workloads.WorkloadOptions.defaults());
        Invocation write = new Invocation(Worker.client(3), 5, "write", 1L, Map.of());
        try (OpExecutors executors = new OpExecutors(
                unreachable, register, null, FaultPackage.none().nemesis(), null, Duration.ofSeconds(5))) {
            Interpreter.Done done = executors.perform(Worker.client(3), ProcessId.client(3), write);

            assertThat(done.type()).isEqualTo(OpType.FAIL);
            assertThat(done.error())
                    .isEqualTo("could not open a client: java.lang.IllegalStateException: n1 is down and has no"
                            + " address now");
            assertThat(executors.violations()).isEmpty();
        }
    }
}
