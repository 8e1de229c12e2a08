package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.Db;
import io.faultline.checkers.history.HistoryPairer;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.harness.db.InMemoryDb;
import io.faultline.nemeses.Nemesis;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.OpSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpreterTest {

    @TempDir
    Path dir;

    private List<Op> run(Db db, int concurrency, Generator g, Duration timeout) throws InterruptedException {
        try (HistoryJournal journal = new HistoryJournal(dir.resolve("history.jsonl"));
                OpExecutors executors = new OpExecutors(
                        db,
                        io.faultline.workloads.Workloads.create(
                                "register", io.faultline.workloads.Workloads.WorkloadOptions.defaults()),
                        null,
                        Nemesis.NONE,
                        null,
                        timeout)) {
            return new Interpreter(concurrency, executors, journal).run(g, 7);
        }
    }

    private static Generator reads(int n) {
        return Gen.clients(Gen.limit(n, Gen.repeat(OpSpec.of("read", null))));
    }

    @Test
    void every_invocation_is_journaled_before_its_completion_with_dense_indices() throws Exception {
        List<Op> history = run(new InMemoryDb(), 5, reads(500), Duration.ofSeconds(5));

        assertThat(history).hasSize(1000);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).index()).isEqualTo(i);
        }
        HistoryPairer pairer = new HistoryPairer();
        history.forEach(op -> pairer.accept(op, 0));
        assertThat(pairer.finish().operations())
                .as("pairs, one outstanding op per process")
                .hasSize(500);
        assertThat(history).extracting(Op::time).isSorted();
    }

    @Test
    void the_history_on_disk_is_the_history_in_memory() throws Exception {
        List<Op> history = run(new InMemoryDb(), 3, reads(50), Duration.ofSeconds(5));

        List<String> lines = java.nio.file.Files.readAllLines(dir.resolve("history.jsonl"));
        assertThat(lines).hasSize(history.size());
        assertThat(lines.getFirst()).contains("\"index\":0").contains("\"type\":\"invoke\"");
    }

    @Test
    void a_process_whose_op_ended_in_info_never_invokes_again_and_its_worker_goes_on_as_a_new_process()
            throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Db flaky = scripted(op -> calls.incrementAndGet() % 3 == 0 ? Completion.info("lost") : Completion.ok(null));

        List<Op> history = run(flaky, 4, reads(60), Duration.ofSeconds(5));

        Set<ProcessId> crashed = new HashSet<>();
        for (Op op : history) {
            if (op.type() == OpType.INVOKE) {
                assertThat(crashed)
                        .as("process %s invoked after its info", op.process())
                        .doesNotContain(op.process());
            } else if (op.type() == OpType.INFO) {
                crashed.add(op.process());
            }
        }
        assertThat(crashed).isNotEmpty();
        assertThat(history)
                .filteredOn(op -> op.process() instanceof ProcessId.Client c && c.number() >= 4)
                .as("new processes numbered p + concurrency")
                .isNotEmpty();
    }

    @Test
    void an_op_that_outlives_its_timeout_is_info_never_fail() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Db stuck = scripted(op -> {
            never.await();
            return Completion.ok(null);
        });

        List<Op> history = run(stuck, 2, reads(2), Duration.ofMillis(200));

        assertThat(history)
                .filteredOn(op -> op.type() != OpType.INVOKE)
                .hasSize(2)
                .allSatisfy(op -> {
                    assertThat(op.type()).isEqualTo(OpType.INFO);
                    assertThat(String.valueOf(op.error())).contains("timeout");
                });
    }

    @Test
    void a_client_that_throws_gives_info_with_the_exception() throws Exception {
        Db broken = scripted(op -> {
            throw new IllegalStateException("socket closed");
        });

        List<Op> history = run(broken, 1, reads(1), Duration.ofSeconds(5));

        assertThat(history.getLast().type()).isEqualTo(OpType.INFO);
        assertThat(String.valueOf(history.getLast().error())).contains("socket closed");
    }

    @Test
    void a_client_that_answers_invoke_breaks_the_completion_rule_and_its_op_is_info_naming_the_rule() throws Exception {
        Db liar = scripted(op -> new Completion(OpType.INVOKE, null, null));

        List<Op> history = run(liar, 1, reads(1), Duration.ofSeconds(5));

        assertThat(history.getLast().type()).isEqualTo(OpType.INFO);
        assertThat(String.valueOf(history.getLast().error()))
                .isEqualTo("client rule broken: invoke returns an ok, fail or info completion, never null — it"
                        + " returned an invoke completion");
    }

    @Test
    void phases_run_one_after_another_and_sleep_is_not_recorded() throws Exception {
        Generator g = Gen.phases(
                reads(10),
                Gen.sleep(Duration.ofMillis(50)),
                Gen.clients(Gen.eachWorker(Gen.once(OpSpec.of("write", 1L)))));

        List<Op> history = run(new InMemoryDb(), 3, g, Duration.ofSeconds(5));

        List<String> fs = history.stream()
                .filter(op -> op.type() == OpType.INVOKE)
                .map(Op::f)
                .toList();
        assertThat(fs).hasSize(13).endsWith("write", "write", "write");
        assertThat(fs.subList(0, 10)).containsOnly("read");
        Map<String, Integer> writers = new HashMap<>();
        history.stream()
                .filter(op -> op.f().equals("write") && op.type() == OpType.INVOKE)
                .forEach(op -> writers.merge(op.process().toString(), 1, Integer::sum));
        assertThat(writers).hasSize(3);
    }

    interface Script {
        Completion answer(io.faultline.workloads.generator.Invocation op) throws Exception;
    }

    private static Db scripted(Script script) {
        return new Db() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public io.faultline.api.NodeSetup nodes() {
                return io.faultline.api.NodeSetup.bundled(List.of());
            }

            @Override
            public Client openClient(ClusterView cluster, int worker, io.faultline.workloads.Workload workload) {
                return script::answer;
            }
        };
    }
}
