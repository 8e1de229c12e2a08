package io.faultline.harness.run;

import io.faultline.api.Db;
import io.faultline.api.HostPort;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.FaultEffectChecker;
import io.faultline.checkers.StatsChecker;
import io.faultline.checkers.history.FaultVocabulary;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.harness.cluster.Cluster;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ClusterSpec;
import io.faultline.harness.cluster.Node;
import io.faultline.harness.cluster.NodeId;
import io.faultline.harness.db.Dbs;
import io.faultline.harness.metrics.MetricsServer;
import io.faultline.harness.metrics.RunMetrics;
import io.faultline.harness.monitoring.Monitor;
import io.faultline.nemeses.ClockNemesis;
import io.faultline.nemeses.FaultPackage;
import io.faultline.nemeses.FaultPackages;
import io.faultline.nemeses.NetemNemesis;
import io.faultline.nemeses.NodeControl;
import io.faultline.reports.RunReport;
import io.faultline.reports.RunReportException;
import io.faultline.workloads.Workload;
import io.faultline.workloads.Workloads;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.OpSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs one test end to end: a run directory, the cluster, the workload and faults through the interpreter with
 * the history journaled as it happens, the final heal and reads, then the checkers; results next to the history.
 */
public final class TestRunner {

    private final PrintWriter out;

    private final @Nullable InetSocketAddress metrics;

    private final Monitor monitor;

    public TestRunner(PrintWriter out) {
        this(out, null);
    }

    /**
     * @param metrics where to serve the run's live Prometheus metrics at {@code /metrics} while it lasts (port 0: any
     *     free port), or null for none
     */
    public TestRunner(PrintWriter out, @Nullable InetSocketAddress metrics) {
        this(out, metrics, Monitor.NONE);
    }

    /**
     * @param metrics as above; a monitor implies live metrics, on any free port of 127.0.0.1 when this is null
     * @param monitor what watches the run from outside while the load runs (e.g. {@code --grafana})
     */
    public TestRunner(PrintWriter out, @Nullable InetSocketAddress metrics, Monitor monitor) {
        this.out = out;
        this.metrics = metrics == null && monitor != Monitor.NONE ? new InetSocketAddress("127.0.0.1", 0) : metrics;
        this.monitor = monitor;
    }

    /** The generator of a whole test: load and faults, heal, recovery, final ops. */
    public static Generator generator(TestSpec spec, Workload workload, FaultPackage faults) {
        Duration gap = Duration.ofNanos(Math.max(1, (long) (1e9 / spec.rate())));
        List<Generator> phases = new ArrayList<>();
        phases.add(
                Gen.timeLimit(spec.timeLimit(), Gen.both(Gen.stagger(gap, workload.generator()), faults.schedule())));
        if (faults.injectsFaults()) {
            phases.add(Gen.nemesis(Gen.once(OpSpec.of(OpExecutors.HEAL, null))));
            phases.add(Gen.nemesis(Gen.sleep(spec.recovery())));
        }
        phases.add(Gen.clients(workload.finalGenerator()));
        return Gen.phases(phases.toArray(Generator[]::new));
    }

    /**
     * Refuses link faults for a program that dials the addresses its peers advertise rather than those it is given:
     * a proxy on its links would carry nothing.
     */
    static void refuseUnproxiableLinks(String nemesis, FaultPackage faults, Db db) {
        if (faults.needs().contains(FaultPackage.Need.PROXIED_LINKS)
                && db.nodes() instanceof NodeSetup.Program(NodeProgram program)
                && !program.dialsGivenPeers()) {
            throw new IllegalArgumentException(
                    "--nemesis " + nemesis + " needs " + FaultPackage.Need.PROXIED_LINKS.description() + ", and the db "
                            + db.name() + " dials the addresses its peers advertise, not"
                            + " the proxies it is given (NodeProgram.dialsGivenPeers() is false): its links cannot be faulted"
                            + " at proxies. Choose --nemesis partition (iptables, on containers) instead.");
        }
    }

    public RunResult run(TestSpec spec) throws InterruptedException {
        long started = System.nanoTime();
        Workload workload =
                Workloads.create(spec.workload(), new Workloads.WorkloadOptions(spec.keys(), spec.values()));
        Db db = Dbs.create(spec.db(), spec.bugs(), spec.dbOptions());
        // What the run cannot do is refused before it leaves a run directory behind.
        if (db instanceof Db.Preflight preflight) {
            preflight.refusal(workload, spec.nodes()).ifPresent(why -> {
                throw new IllegalArgumentException(why);
            });
        }
        FaultPackage faults = FaultPackage.none();
        ClusterRuntime runtime = null;
        if (!(db.nodes() instanceof NodeSetup.None)) {
            runtime = spec.runtime() != null ? spec.runtime() : ClusterRuntime.choose();
            faults = FaultPackages.create(spec.nemesis(), nodeNames(spec.nodes()), spec.faultInterval());
            refuseUnmetNeeds(spec.nemesis(), faults, runtime);
            refuseUnproxiableLinks(spec.nemesis(), faults, db);
        } else if (!spec.nemesis().equals("none")) {
            throw new IllegalArgumentException("the db " + db.name() + " has no nodes to fault: use --nemesis none");
        }
        RunDirectory run = RunDirectory.create(spec.store(), spec.name());
        log(run, "run " + run.path() + " (seed " + spec.seed() + ")");
        // test.json names the runtime the run really used, also when the spec left the choice to the machine.
        run.writeJson(run.test(), testJson(runtime == null ? spec : spec.withRuntime(runtime), faults));
        Cluster cluster = null;
        List<Op> history;
        List<ClientRuleViolation> violations;
        RunMetrics live = metrics == null ? null : new RunMetrics(FaultVocabulary.with(faults.windows()));
        try (MetricsServer server = live == null ? null : startMetrics(live, run);
                HistoryJournal journal =
                        live == null ? new HistoryJournal(run.history()) : new HistoryJournal(run.history(), live)) {
            ClusterNodeControl control;
            if (runtime == null) {
                control = null;
            } else {
                log(run, "starting " + spec.nodes() + " nodes (" + runtime.label() + ")");
                ClusterSpec clusterSpec = ClusterSpec.of(spec.nodes(), run.path())
                        .withReadyTimeout(Duration.ofSeconds(90))
                        .withNodes(db.name(), db.nodes())
                        .withProxyImage(spec.proxyImage());
                if (faults.needs().contains(FaultPackage.Need.OWN_CLOCK)) {
                    clusterSpec = clusterSpec.withEnvironment(ClockNemesis.ENVIRONMENT);
                }
                if (faults.needs().contains(FaultPackage.Need.PROXIED_LINKS)) {
                    clusterSpec = clusterSpec.withProxiedLinks();
                }
                cluster = runtime.start(clusterSpec);
                control = new ClusterNodeControl(cluster, db);
                if (faults.needs().contains(FaultPackage.Need.KERNEL_NETEM)) {
                    refuseWithoutNetem(spec.nemesis(), control);
                }
            }
            log(
                    run,
                    "running " + spec.workload() + " with " + spec.nemesis() + " for "
                            + spec.timeLimit().toSeconds() + " s at " + spec.rate() + " ops/s, " + spec.concurrency()
                            + " workers");
            Monitor.Session watching = watch(spec, run, server, cluster);
            try (OpExecutors executors =
                    new OpExecutors(db, workload, control, faults.nemesis(), control, spec.opTimeout())) {
                long interpreterStart = System.nanoTime();
                history = new Interpreter(spec.concurrency(), executors, journal)
                        .run(generator(spec, workload, faults), spec.seed());
                violations = matched(executors.violations(), history);
                double seconds = (System.nanoTime() - interpreterStart) / 1e9;
                long invocations =
                        history.stream().filter(o -> o.type() == OpType.INVOKE).count();
                log(
                        run,
                        String.format(
                                java.util.Locale.ROOT,
                                "%d invocations in %.1f s: %.0f ops/s (%d history events)",
                                invocations,
                                seconds,
                                invocations / seconds,
                                history.size()));
            } finally {
                try {
                    if (control != null) {
                        faults.nemesis().heal(control);
                    }
                } finally {
                    watching.close();
                }
            }
        } finally {
            if (cluster != null) {
                keepLogFiles(run, db, cluster);
                cluster.close();
            }
        }
        log(run, history.size() + " ops recorded; checking");
        violations.forEach(v -> log(run, v.describe()));
        ConsistencyCheck consistency = ConsistencyCheck.choose(db, workload);
        CheckResult result = check(consistency.judge(), faults.injectsFaults(), history);
        Optional<ConsistencyVerdicts> verdicts = consistency.verdicts(workload, result, history);
        run.writeJson(run.results(), resultsJson(result, violations, verdicts));
        run.markLatest();
        try {
            log(run, "report: " + RunReport.write(run.path()));
        } catch (RunReportException e) {
            log(run, "no report: " + e.getMessage());
        }
        RunResult outcome = new RunResult(
                run.path(),
                result.verdict(),
                result,
                history.size(),
                Duration.ofNanos(System.nanoTime() - started),
                violations,
                verdicts);
        log(run, outcome.describe());
        return outcome;
    }

    private MetricsServer startMetrics(RunMetrics live, RunDirectory run) {
        try {
            MetricsServer server = MetricsServer.start(live, metrics);
            log(run, "metrics at " + server.uri());
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot serve metrics on " + metrics + ": " + e.getMessage(), e);
        }
    }

    /** Starts the monitor once the cluster is up and the metrics are served; nothing without a metrics server. */
    private Monitor.Session watch(
            TestSpec spec, RunDirectory run, @Nullable MetricsServer server, @Nullable Cluster cluster) {
        if (server == null) {
            return Monitor.NOTHING;
        }
        Supplier<Map<NodeId, HostPort>> nodes = () -> {
            Map<NodeId, HostPort> addresses = new TreeMap<>();
            for (Node node : cluster == null ? List.<Node>of() : cluster.nodes()) {
                try {
                    addresses.put(node.id(), node.clientAddress());
                } catch (RuntimeException e) {
                    // a node that is down has no address now; it is listed again once it is back
                }
            }
            return addresses;
        };
        return monitor.start(new Monitor.Watch(spec.name(), run.path(), server.uri(), nodes), line -> log(run, line));
    }

    /** Refuses a fault package the chosen runtime cannot provide, saying what it needs and what to do instead. */
    static void refuseUnmetNeeds(String nemesis, FaultPackage faults, ClusterRuntime runtime) {
        List<FaultPackage.Need> unmet =
                faults.needs().stream().filter(n -> !runtime.provides(n)).toList();
        if (!unmet.isEmpty()) {
            throw new IllegalArgumentException("--nemesis " + nemesis + " needs "
                    + unmet.stream()
                            .map(FaultPackage.Need::description)
                            .collect(java.util.stream.Collectors.joining(" and "))
                    + "; local processes share one network and one clock. Start a Docker engine, or choose"
                    + " --nemesis link-partition, kill or pause.");
        }
    }

    /**
     * Refuses a netem package on a kernel without netem, found by adding and removing a netem queue inside the first
     * node (a kernel's queueing disciplines cannot be seen from outside a node on every host).
     */
    static void refuseWithoutNetem(String nemesis, NodeControl nodes) {
        String first = nodes.nodes().get(0);
        NodeControl.CommandResult probe = nodes.exec(first, "sh", "-c", NetemNemesis.PROBE);
        if (!probe.ok()) {
            throw new IllegalArgumentException("--nemesis " + nemesis + " needs "
                    + FaultPackage.Need.KERNEL_NETEM.description() + ", and this kernel has none: tc on " + first
                    + " said \"" + probe.output().strip() + "\". Load it on the host (modprobe sch_netem), or choose"
                    + " --nemesis latency (delays at the proxies) or packet-loss (iptables), which need no netem.");
        }
    }

    /** Copies the files the database names ({@link Db.LogFiles}) from every node into the run directory. */
    private void keepLogFiles(RunDirectory run, Db db, Cluster cluster) {
        if (!(db instanceof Db.LogFiles files)) {
            return;
        }
        for (Node node : cluster.nodes()) {
            for (String file : files.logFiles()) {
                Path target = run.path()
                        .resolve(node.id().name())
                        .resolve(Path.of(file).getFileName());
                try {
                    node.copyFile(file, target);
                } catch (RuntimeException e) {
                    log(run, "could not keep " + file + " of " + node.id().name() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * The verdict on a run's history: the stats guard, the workload's checker, and, when faults were planned, the
     * guard that at least one took effect. Used by runs and by {@code analyze}.
     */
    public static CheckResult check(Workload workload, boolean faultsPlanned, List<Op> history) {
        return check(workload.checker(), faultsPlanned, history);
    }

    /** As above with {@code judge} in place of the workload's usual checker ({@link ConsistencyCheck}). */
    public static CheckResult check(Checker judge, boolean faultsPlanned, List<Op> history) {
        List<Checker> checkers = new ArrayList<>(List.of(new StatsChecker(), judge));
        if (faultsPlanned) {
            checkers.add(new FaultEffectChecker());
        }
        return Checker.safely(Checker.compose(checkers), history);
    }

    /**
     * The violations with the history index of each op's invocation: the invoke op of the same process at the same
     * time (the interpreter journals an invocation at the time it hands the op over).
     */
    static List<ClientRuleViolation> matched(List<ClientRuleViolation> violations, List<Op> history) {
        List<ClientRuleViolation> matched = new ArrayList<>();
        for (ClientRuleViolation v : violations) {
            long index = history.stream()
                    .filter(o -> o.type() == OpType.INVOKE && o.process().equals(v.process()) && o.time() == v.time())
                    .mapToLong(Op::index)
                    .findFirst()
                    .orElse(-1);
            matched.add(v.at(index));
        }
        matched.sort(java.util.Comparator.comparingLong(ClientRuleViolation::op));
        return List.copyOf(matched);
    }

    /**
     * {@code results.json}: the verdict, every broken client rule (an empty list when none was), and for a db that
     * promises less than linearizability the verdicts side by side ({@code consistency}).
     */
    static Map<String, Object> resultsJson(
            CheckResult result, List<ClientRuleViolation> violations, Optional<ConsistencyVerdicts> consistency) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "valid",
                switch (result.verdict()) {
                    case VALID -> true;
                    case INVALID -> false;
                    case UNKNOWN -> "unknown";
                });
        json.put("summary", result.summary());
        json.put("checkers", result.parts().isEmpty() ? List.of(result) : result.parts());
        json.put(
                "client_rule_violations",
                violations.stream().map(ClientRuleViolation::json).toList());
        consistency.ifPresent(c -> json.put("consistency", c.json()));
        return json;
    }

    private static Map<String, Object> testJson(TestSpec spec, FaultPackage faults) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("spec", spec);
        json.put("started", Instant.now().toString());
        json.put("faultline_version", Version.describe());
        if (!faults.windows().isEmpty()) {
            // the fault families a plugin nemesis declared, for the report's windows (FaultWindows.vocabulary)
            json.put(
                    "fault_windows",
                    faults.windows().stream()
                            .map(w -> Map.of("label", w.label(), "start", w.startF(), "stop", w.stopF()))
                            .toList());
        }
        return json;
    }

    private static List<String> nodeNames(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("n" + i);
        }
        return names;
    }

    private void log(RunDirectory run, String line) {
        out.println(line);
        out.flush();
        try {
            Files.writeString(
                    run.log(),
                    Instant.now() + " " + line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + run.log() + ": " + e.getMessage(), e);
        }
    }
}
