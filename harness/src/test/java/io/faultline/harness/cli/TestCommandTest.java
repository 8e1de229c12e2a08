package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code faultline test} on local processes: the demo works without Docker, and partitions say why they cannot. */
class TestCommandTest {

    @TempDir
    Path store;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FaultlineCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void without_docker_the_demo_partitions_the_links_at_their_proxies_and_says_so() throws Exception {
        int exit = run(
                "test",
                "--runtime",
                "processes",
                "--nodes",
                "3",
                "--time-limit",
                "4s",
                "--fault-interval",
                "1s",
                "--recovery",
                "1s",
                "--store",
                store.toString());

        assertThat(out.toString())
                .contains("cuts the links between them at their proxies instead of with iptables (--nemesis"
                        + " link-partition)")
                .contains("verdict: valid");
        assertThat(exit).as("%s%s", out, err).isZero();
        assertThat(Files.isDirectory(store.resolve("register-link-partition"))).isTrue();
        assertThat(Files.readString(store.resolve("latest").resolve("history.jsonl")))
                .as("a verified cut in the history")
                .contains("\"f\":\"start-partition\"")
                .contains("links refuse connections");
        assertThat(Files.readString(store.resolve("latest").resolve("report.html")))
                .as("the run's report")
                .contains("link-partition")
                .contains("start-partition");
    }

    @Test
    void help_lists_every_workload_nemesis_and_bug_the_command_accepts() {
        int exit = run("test", "--help");

        assertThat(exit).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (String name : io.faultline.workloads.Workloads.all().keySet()) {
            assertThat(help).as("workload %s", name).contains(name);
        }
        assertThat(help).contains("bank, ");
        for (String name : io.faultline.nemeses.FaultPackages.DESCRIPTIONS.keySet()) {
            assertThat(help).as("nemesis %s", name).contains(name);
        }
        for (String bug : io.faultline.harness.db.BundledStore.BUGS) {
            assertThat(help).as("bug %s", bug).contains(bug);
        }
    }

    @Test
    void a_run_of_a_deliberately_wrong_store_is_named_after_its_bugs() throws Exception {
        int exit = run(
                "test",
                "--runtime",
                "processes",
                "--nodes",
                "3",
                "--workload",
                "register",
                "--nemesis",
                "none",
                "--bug",
                "stale-reads,no-fsync",
                "--time-limit",
                "2s",
                "--recovery",
                "1s",
                "--store",
                store.toString());

        assertThat(exit).as("a verdict, whichever it is: %s%s", out, err).isIn(0, 1, 2);
        assertThat(store.resolve("register-none_stale-reads_no-fsync")).isDirectory();
        assertThat(Files.readString(store.resolve("latest").resolve("test.json")))
                .contains("\"name\" : \"register-none_stale-reads_no-fsync\"");
    }

    @Test
    void with_a_relative_store_each_nodes_data_and_kept_files_are_where_the_docs_say() throws Exception {
        Path relative = Path.of("target", "relative-store-" + System.nanoTime());
        assertThat(relative.isAbsolute()).isFalse();
        int exit = run(
                "test",
                "--runtime",
                "processes",
                "--nodes",
                "3",
                "--nemesis",
                "none",
                "--time-limit",
                "2s",
                "--recovery",
                "1s",
                "--store",
                relative.toString());

        assertThat(exit).as("%s%s", out, err).isZero();
        Path run = relative.resolve("latest").toRealPath();
        for (String node : java.util.List.of("n1", "n2", "n3")) {
            assertThat(run.resolve(node).resolve("data").resolve("raft.journal"))
                    .as("the node's data directory is RUN/%s/data", node)
                    .isRegularFile();
            assertThat(run.resolve(node).resolve("raft.journal"))
                    .as("the journal kept for the run (Db.LogFiles)")
                    .isRegularFile();
            try (var files = Files.walk(run.resolve(node).resolve("data"))) {
                assertThat(files.filter(p -> p.getFileName().toString().equals("data")))
                        .as("no data directory nested inside another")
                        .hasSize(1);
            }
        }
    }

    @Test
    void a_db_opt_that_the_database_does_not_take_is_bad_usage_naming_the_db_and_the_key() {
        int exit = run(
                "test",
                "--db",
                "in-memory",
                "--nemesis",
                "none",
                "--db-opt",
                "read-consistency=serializable",
                "--store",
                store.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString())
                .contains("the db in-memory takes no --db-opt settings, so read-consistency cannot apply");
    }

    @Test
    void asking_for_partitions_on_local_processes_is_bad_usage_with_the_reason_and_leaves_no_run_behind() {
        int exit = run(
                "test",
                "--runtime",
                "processes",
                "--nemesis",
                "partition",
                "--time-limit",
                "1s",
                "--store",
                store.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString())
                .contains("needs iptables inside each node's own network (the containers runtime)")
                .contains("--nemesis link-partition, kill or pause");
        assertThat(store).isEmptyDirectory();
    }

    @Test
    void a_toxiproxy_image_on_local_processes_is_bad_usage_with_the_reason() {
        int exit = run(
                "test",
                "--runtime",
                "processes",
                "--nemesis",
                "link-partition",
                "--toxiproxy-image",
                "ghcr.io/shopify/toxiproxy:2.12.0",
                "--time-limit",
                "1s",
                "--store",
                store.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString())
                .contains("--toxiproxy-image ghcr.io/shopify/toxiproxy:2.12.0 needs the containers runtime")
                .contains("inside the harness's JVM");
    }

    @Test
    void test_all_takes_the_toxiproxy_image_too_and_refuses_it_on_local_processes() {
        int exit = run(
                "test-all",
                "--runtime",
                "processes",
                "--workloads",
                "register",
                "--nemeses",
                "link-partition",
                "--toxiproxy-image",
                "ghcr.io/shopify/toxiproxy:2.12.0",
                "--time-limit",
                "1s",
                "--store",
                store.toString());

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("needs the containers runtime");
    }
}
