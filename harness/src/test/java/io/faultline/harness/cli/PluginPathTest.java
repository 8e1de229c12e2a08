package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin compiled here, into a jar that is not on the classpath, is found through {@code --plugin-path} (and only
 * then): its database and workload run like the built-in ones.
 */
class PluginPathTest {

    private static final String DB = """
            package example.plugin;

            import io.faultline.api.Client;
            import io.faultline.api.ClusterView;
            import io.faultline.api.Completion;
            import io.faultline.api.Db;
            import java.util.List;

            public final class JarDb implements Db, Db.DbProvider {
                public String name() { return "jar-db"; }
                public Db create(List<String> bugs) { return this; }
                public io.faultline.api.NodeSetup nodes() { return io.faultline.api.NodeSetup.none(); }
                public Client openClient(ClusterView cluster, int worker, io.faultline.workloads.Workload workload) {
                    return op -> Completion.ok(op.value());
                }
            }
            """;

    /** A register that returns fail, instead of info, for every third write, which it says timed out. */
    private static final String TIMEOUT_DB = """
            package example.plugin;

            import io.faultline.api.Client;
            import io.faultline.api.ClusterView;
            import io.faultline.api.Completion;
            import io.faultline.api.Db;
            import java.util.List;
            import java.util.Objects;
            import java.util.concurrent.atomic.AtomicLong;
            import java.util.concurrent.atomic.AtomicReference;

            public final class TimeoutAsFailDb implements Db, Db.DbProvider {
                private final AtomicReference<Object> register = new AtomicReference<>();
                private final AtomicLong writes = new AtomicLong();
                public String name() { return "timeout-as-fail"; }
                public Db create(List<String> bugs) { return new TimeoutAsFailDb(); }
                public io.faultline.api.NodeSetup nodes() { return io.faultline.api.NodeSetup.none(); }
                public Client openClient(ClusterView cluster, int worker, io.faultline.workloads.Workload workload) {
                    return new TimeoutClient(this);
                }
                synchronized Completion apply(io.faultline.workloads.generator.Invocation op) {
                    switch (op.f()) {
                        case "read": return Completion.ok(register.get());
                        case "write":
                            if (writes.incrementAndGet() % 3 == 0) {
                                return Completion.fail(new java.net.SocketTimeoutException("Read timed out"));
                            }
                            register.set(op.value());
                            return Completion.ok(op.value());
                        default:
                            List<?> pair = (List<?>) op.value();
                            if (!Objects.equals(register.get(), pair.get(0))) {
                                return Completion.fail("cas-mismatch");
                            }
                            register.set(pair.get(1));
                            return Completion.ok(op.value());
                    }
                }
            }
            """;

    private static final String TIMEOUT_CLIENT = """
            package example.plugin;

            import io.faultline.api.Client;
            import io.faultline.api.Completion;
            import io.faultline.workloads.generator.Invocation;

            final class TimeoutClient implements Client {
                private final TimeoutAsFailDb db;
                TimeoutClient(TimeoutAsFailDb db) { this.db = db; }
                public Completion invoke(Invocation op) { return db.apply(op); }
            }
            """;

    private static final String WORKLOAD = """
            package example.plugin;

            import io.faultline.checkers.Checker;
            import io.faultline.checkers.StatsChecker;
            import io.faultline.workloads.Workload;
            import io.faultline.workloads.Workloads;
            import io.faultline.workloads.generator.Gen;
            import io.faultline.workloads.generator.Generator;
            import io.faultline.workloads.generator.OpSpec;
            import java.util.Set;

            public final class JarWorkload implements Workload, Workloads.WorkloadProvider {
                public String name() { return "jar-pings"; }
                public String description() { return "pings from a jar"; }
                public Workload create(Workloads.WorkloadOptions options) { return this; }
                public Set<String> functions() { return Set.of("jar-ping"); }
                public Generator generator() { return Gen.repeat((ctx, rng) -> OpSpec.of("jar-ping", 1L)); }
                public Checker checker() { return new StatsChecker(); }
            }
            """;

    @TempDir
    Path dir;

    private ClassLoader before;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void rememberTheLoader() {
        before = Thread.currentThread().getContextClassLoader();
    }

    @AfterEach
    void restoreTheLoader() {
        Thread.currentThread().setContextClassLoader(before);
    }

    @Test
    void a_plugin_jar_off_the_classpath_runs_with_plugin_path_and_is_unknown_without_it() throws Exception {
        Path jar = pluginJar();
        Path store = dir.resolve("store");

        int without = run("test", "--db", "jar-db", "--workload", "jar-pings", "--nemesis", "none", "--store", "x");
        assertThat(without)
                .as("without the path the plugin is unknown: %s", err)
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("unknown workload 'jar-pings'");
        int with = run(
                "test",
                "--plugin-path",
                jar.toString(),
                "--db",
                "jar-db",
                "--workload",
                "jar-pings",
                "--nemesis",
                "none",
                "--time-limit",
                "1s",
                "--store",
                store.toString());

        assertThat(with).as("%s%s", out, err).isZero();
        assertThat(Files.readString(store.resolve("latest").resolve("history.jsonl")))
                .contains("\"f\":\"jar-ping\"");
    }

    @Test
    void a_plugin_client_that_returns_fail_on_a_timeout_makes_the_test_exit_with_the_client_rules_code()
            throws Exception {
        Path jar = pluginJar();
        Path store = dir.resolve("store");

        int code = run(
                "test",
                "--plugin-path",
                jar.toString(),
                "--db",
                "timeout-as-fail",
                "--workload",
                "register",
                "--nemesis",
                "none",
                "--time-limit",
                "1s",
                "--store",
                store.toString());

        assertThat(code).as("%s%s", out, err).isEqualTo(ExitCodes.CLIENT_RULES_BROKEN);
        assertThat(out.toString())
                .as("the history is valid: each broken op was recorded as info")
                .contains("verdict: valid")
                .containsPattern("client rule broken: a timeout is info, never fail — it returned fail with error"
                        + " java.net.SocketTimeoutException: Read timed out \\(op \\d+, client"
                        + " example.plugin.TimeoutClient\\)");
        Path latest = store.resolve("latest");
        assertThat(Files.readString(latest.resolve("results.json")))
                .containsPattern(
                        "\"client_rule_violations\" : \\[ \\{\\s*\"rule\" : \"a timeout is info, never fail\"");
        assertThat(Files.readString(latest.resolve("history.jsonl")))
                .contains("\"type\":\"info\"")
                .contains("client rule broken: a timeout is info, never fail");
    }

    @Test
    void a_folder_of_jars_is_a_plugin_path_too() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Files.move(pluginJar(), folder.resolve("plugin.jar"));

        assertThat(PluginPath.urls(List.of(folder)))
                .singleElement()
                .satisfies(url -> assertThat(url.getPath()).endsWith("/plugins/plugin.jar"));
    }

    @Test
    void a_missing_entry_or_a_file_that_is_no_jar_is_bad_usage_naming_it() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");

        int missing = run("test", "--plugin-path", dir.resolve("nope.jar").toString(), "--store", "x");
        assertThat(missing).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--plugin-path " + dir.resolve("nope.jar") + ": no such file or folder");
        int notJar = run("test", "--plugin-path", text.toString(), "--store", "x");
        assertThat(notJar).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("notes.txt: not a jar");
    }

    private int run(String... args) {
        return FaultlineCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Compiles the plugin classes against the test's own classpath and jars them with their service files. */
    private Path pluginJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/example/plugin"));
        Files.writeString(src.resolve("JarDb.java"), DB);
        Files.writeString(src.resolve("JarWorkload.java"), WORKLOAD);
        Files.writeString(src.resolve("TimeoutAsFailDb.java"), TIMEOUT_DB);
        Files.writeString(src.resolve("TimeoutClient.java"), TIMEOUT_CLIENT);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int compiled = javac.run(
                null,
                null,
                null,
                "-classpath",
                classpath,
                "-d",
                classes.toString(),
                src.resolve("JarDb.java").toString(),
                src.resolve("JarWorkload.java").toString(),
                src.resolve("TimeoutAsFailDb.java").toString(),
                src.resolve("TimeoutClient.java").toString());
        assertThat(compiled).as("the plugin compiles").isZero();
        Path jar = dir.resolve("plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    entry(out, classes.relativize(file).toString(), Files.readAllBytes(file));
                }
            }
            entry(
                    out,
                    "META-INF/services/io.faultline.api.Db$DbProvider",
                    "example.plugin.JarDb\nexample.plugin.TimeoutAsFailDb\n");
            entry(
                    out,
                    "META-INF/services/io.faultline.workloads.Workloads$WorkloadProvider",
                    "example.plugin.JarWorkload\n");
        }
        return jar;
    }

    private static void entry(JarOutputStream jar, String name, String text) throws IOException {
        entry(jar, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void entry(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        ((OutputStream) jar).write(bytes);
        jar.closeEntry();
    }
}
