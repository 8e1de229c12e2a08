package io.faultline.nemeses;

import io.faultline.workloads.generator.Context;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.OpSpec;
import io.faultline.workloads.generator.Step;
import io.faultline.workloads.generator.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The built-in fault packages by name. Each schedule waits {@code interval}, starts a fault, waits
 * {@code interval}, ends it, and repeats; targets are drawn from the nemesis's seeded randomness, so the same seed
 * gives the same fault schedule.
 */
public final class FaultPackages {

    private FaultPackages() {}

    /** Names and one-line descriptions, for --help and errors. */
    public static final Map<String, String> DESCRIPTIONS = descriptions();

    private static Map<String, String> descriptions() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("none", "no faults");
        d.put("partition", "random halves cut apart with iptables, then healed (containers)");
        d.put("partition-one", "one random node cut off from the rest (containers)");
        d.put("partition-ring", "majorities ring: every node sees a different majority (containers)");
        d.put("partition-bridge", "two halves joined by one bridge node (containers)");
        d.put("partition-primary", "whichever node is primary at that moment cut off from the rest (containers)");
        d.put("kill", "SIGKILL one random node, then start it again");
        d.put("kill-minority", "SIGKILL a random minority (at most (n-1)/2 nodes) at once, then start them again");
        d.put("kill-majority", "SIGKILL a random majority at once, then start them again");
        d.put("kill-all", "SIGKILL every node at once, then start them again");
        d.put("pause", "SIGSTOP one random node, then resume it");
        d.put("pause-minority", "SIGSTOP a random minority at once, then resume them");
        d.put("pause-majority", "SIGSTOP a random majority at once, then resume them");
        d.put("pause-all", "SIGSTOP every node at once, then resume them");
        d.put("kill-primary", "SIGKILL whichever node is primary (the leader) at that moment, then start it again");
        d.put("pause-primary", "SIGSTOP the primary at that moment, then resume it");
        d.put("link-partition", "random halves cut apart at the proxies between nodes, then healed");
        d.put("link-partition-one", "one random node cut off from the rest at the proxies");
        d.put("link-partition-ring", "majorities ring at the proxies: every node sees a different majority");
        d.put("link-partition-primary", "whichever node is primary at that moment cut off at the proxies");
        d.put("link-one-way", "one random node's messages to the others dropped at the proxies; it still hears them");
        d.put("latency", "50-200 ms (with 10 % jitter) added to every node-to-node link at the proxies");
        d.put("slow-network", "every node-to-node link limited to 32-256 KB/s at the proxies");
        d.put("reset-peer", "one random node's links to the others reset their connections (TCP RST) at the proxies");
        d.put("slicer", "every node-to-node link cuts data into chunks of a few bytes at the proxies");
        d.put("packet-loss", "every node drops 5-30 % of its peers' packets (iptables statistic; containers)");
        d.put(
                "netem",
                "one node, a majority or all send their packets through netem: delayed 50-200 ms, 20-40 % lost,"
                        + " duplicated or reordered (tc inside the nodes; containers on a kernel with sch_netem)");
        d.put(
                "clock-bump",
                "one random node's clock jumps 0.25-32 s ahead or back, then is reset (libfaketime; containers)");
        d.put("clock-strobe", "one random node's clock flips back and forth every 10-320 ms (libfaketime; containers)");
        d.put(
                "skew-isolate-primary",
                "the primary's clock set 10 s back while it is cut off from the others, then both healed (containers)");
        return Collections.unmodifiableMap(d);
    }

    public static FaultPackage create(String name, List<String> nodes, Duration interval) {
        return switch (name) {
            case "none" -> FaultPackage.none();
            case "partition" -> partition(name, interval, Cut.IPTABLES, planned(nodes, Grudge::randomHalves));
            case "partition-one" -> partition(name, interval, Cut.IPTABLES, planned(nodes, Grudge::isolateOne));
            case "partition-ring" -> partition(name, interval, Cut.IPTABLES, planned(nodes, Grudge::majoritiesRing));
            case "partition-bridge" -> partition(name, interval, Cut.IPTABLES, planned(nodes, Grudge::bridge));
            case "partition-primary" -> partition(name, interval, Cut.IPTABLES, rng -> ProcessNemesis.PRIMARIES);
            case "link-partition-primary" -> partition(name, interval, Cut.PROXIES, rng -> ProcessNemesis.PRIMARIES);
            case "kill" -> process(name, "kill", "start", nodes, interval, 1);
            case "kill-minority" -> process(name, "kill", "start", nodes, interval, minority(nodes));
            case "kill-majority" -> process(name, "kill", "start", nodes, interval, majority(nodes));
            case "kill-all" -> process(name, "kill", "start", nodes, interval, nodes.size());
            case "pause" -> process(name, "pause", "resume", nodes, interval, 1);
            case "pause-minority" -> process(name, "pause", "resume", nodes, interval, minority(nodes));
            case "pause-majority" -> process(name, "pause", "resume", nodes, interval, majority(nodes));
            case "pause-all" -> process(name, "pause", "resume", nodes, interval, nodes.size());
            case "kill-primary" -> primary(name, "kill", "start", interval);
            case "pause-primary" -> primary(name, "pause", "resume", interval);
            case "link-partition" -> partition(name, interval, Cut.PROXIES, planned(nodes, Grudge::randomHalves));
            case "link-partition-one" -> partition(name, interval, Cut.PROXIES, planned(nodes, Grudge::isolateOne));
            case "link-partition-ring" ->
                partition(name, interval, Cut.PROXIES, planned(nodes, Grudge::majoritiesRing));
            case "link-one-way" -> partition(name, interval, Cut.PROXIES, planned(nodes, FaultPackages::oneWay));
            case "latency" ->
                toxic(name, interval, rng -> {
                    long millis = 50L << rng.nextInt(3);
                    return Map.of(
                            "toxic",
                            Map.of("type", "latency", "millis", millis, "jitter", millis / 10),
                            "links",
                            "all");
                });
            case "slow-network" ->
                toxic(
                        name,
                        interval,
                        rng -> Map.of(
                                "toxic", Map.of("type", "bandwidth", "kbps", 32L << rng.nextInt(4)), "links", "all"));
            case "reset-peer" ->
                toxic(name, interval, rng -> {
                    String node = nodes.get(rng.nextInt(nodes.size()));
                    List<List<String>> out = nodes.stream()
                            .filter(n -> !n.equals(node))
                            .map(n -> List.of(node, n))
                            .toList();
                    return Map.of("toxic", Map.of("type", "reset-peer", "millis", 0L), "links", out);
                });
            case "slicer" ->
                toxic(
                        name,
                        interval,
                        rng -> Map.of(
                                "toxic",
                                Map.of("type", "slicer", "average", 16L, "variation", 8L, "delay-us", 100L),
                                "links",
                                "all"));
            case "packet-loss" -> packetLoss(name, nodes, interval);
            case "netem" -> netem(name, nodes, interval);
            case "clock-bump" -> clock(name, nodes, interval, FaultPackages::bumpOne);
            case "clock-strobe" -> clock(name, nodes, interval, (n, rng) -> strobeOne(n, rng, interval));
            case "skew-isolate-primary" -> skewIsolatePrimary(name, interval);
            default ->
                plugin(name)
                        .map(p -> p.create(nodes, interval))
                        .orElseThrow(() -> new IllegalArgumentException("unknown nemesis '" + name
                                + "': expected one of " + String.join(", ", DESCRIPTIONS.keySet()) + pluginNames()));
        };
    }

    /** A fault package from a plugin jar; register an implementation in {@code META-INF/services}. */
    public interface FaultPackageProvider {
        String name();

        String description();

        FaultPackage create(List<String> nodes, Duration interval);
    }

    private static java.util.Optional<FaultPackageProvider> plugin(String name) {
        for (FaultPackageProvider p : java.util.ServiceLoader.load(FaultPackageProvider.class)) {
            if (p.name().equals(name)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    private static String pluginNames() {
        StringBuilder names = new StringBuilder();
        for (FaultPackageProvider p : java.util.ServiceLoader.load(FaultPackageProvider.class)) {
            names.append(", ").append(p.name());
        }
        return names.toString();
    }

    /**
     * For plugins: a package that waits {@code interval}, starts a fault ({@code startF}, its value drawn from the
     * schedule's seeded randomness), waits, ends it ({@code stopF}), and again; it declares its fault window, so
     * reports shade it and compute availability in it. {@code stopF} with no value also ends the fault at heal time.
     */
    public static FaultPackage startStop(
            String name,
            Duration interval,
            String startF,
            java.util.function.Function<SplittableRandom, Object> value,
            String stopF,
            Nemesis nemesis) {
        Generator start = Gen.once((ctx, rng) -> OpSpec.of(startF, value.apply(rng)));
        Generator stop = Gen.once(OpSpec.of(stopF, null));
        return new FaultPackage(name, cycle(interval, start, stop), stop, nemesis, Set.of())
                .withWindows(new io.faultline.checkers.history.FaultWindowKind(name, startF, stopF));
    }

    /** Waits, starts a fault whose value is drawn now, waits, ends it; and again. */
    private static FaultPackage startStop(
            String name,
            Duration interval,
            String startF,
            java.util.function.Function<SplittableRandom, Object> value,
            String stopF,
            Nemesis nemesis,
            FaultPackage.Need need) {
        Generator start = Gen.once((ctx, rng) -> OpSpec.of(startF, value.apply(rng)));
        Generator stop = Gen.once(OpSpec.of(stopF, null));
        return new FaultPackage(name, cycle(interval, start, stop), stop, nemesis, Set.of(need));
    }

    /** Where a partition is cut: iptables inside the nodes, or the proxies on their links. */
    private enum Cut {
        IPTABLES(FaultPackage.Need.OWN_NETWORK),
        PROXIES(FaultPackage.Need.PROXIED_LINKS);

        private final FaultPackage.Need need;

        Cut(FaultPackage.Need need) {
            this.need = need;
        }

        Nemesis nemesis() {
            return this == IPTABLES ? new PartitionNemesis() : new LinkNemesis();
        }
    }

    /** A grudge drawn from the nemesis's randomness each time a partition starts, as op data. */
    private static java.util.function.Function<SplittableRandom, Object> planned(
            List<String> nodes, BiFunction<List<String>, SplittableRandom, Grudge> plan) {
        return rng -> plan.apply(nodes, rng).asValue();
    }

    /** {@code start-partition} with the value drawn now, then {@code stop-partition}, cut the given way. */
    private static FaultPackage partition(
            String name, Duration interval, Cut cut, java.util.function.Function<SplittableRandom, Object> grudge) {
        return startStop(name, interval, "start-partition", grudge, "stop-partition", cut.nemesis(), cut.need);
    }

    /** One node drawn at random: every other node stops hearing it, while it still hears them. */
    static Grudge oneWay(List<String> nodes, SplittableRandom rng) {
        String mute = nodes.get(rng.nextInt(nodes.size()));
        Map<String, Set<String>> drops = new LinkedHashMap<>();
        nodes.stream().filter(n -> !n.equals(mute)).forEach(n -> drops.put(n, Set.of(mute)));
        return new Grudge(drops);
    }

    private static FaultPackage toxic(
            String name, Duration interval, java.util.function.Function<SplittableRandom, Map<String, Object>> value) {
        return startStop(
                name,
                interval,
                "start-link-fault",
                value::apply,
                "stop-link-fault",
                new LinkNemesis(),
                FaultPackage.Need.PROXIED_LINKS);
    }

    private static FaultPackage packetLoss(String name, List<String> nodes, Duration interval) {
        double[] choices = {0.05, 0.1, 0.2, 0.3};
        return startStop(
                name,
                interval,
                "start-loss",
                rng -> {
                    double p = choices[rng.nextInt(choices.length)];
                    Map<String, Object> value = new LinkedHashMap<>();
                    nodes.forEach(n -> value.put(n, p));
                    return value;
                },
                "stop-loss",
                new PacketLossNemesis(),
                FaultPackage.Need.OWN_NETWORK);
    }

    /** One packet behaviour drawn each time, on one node, a majority or every node. */
    private static FaultPackage netem(String name, List<String> nodes, Duration interval) {
        return startStop(
                name,
                interval,
                "start-netem",
                rng -> {
                    Netem netem = switch (rng.nextInt(4)) {
                        case 0 -> {
                            long delay = 50L << rng.nextInt(3);
                            yield Netem.delay(delay, delay / 10);
                        }
                        case 1 -> Netem.loss(20 + 10 * rng.nextInt(3));
                        case 2 -> Netem.duplicate(20 + 10 * rng.nextInt(3));
                        default -> Netem.reorder(50, 25 + 25 * rng.nextInt(2));
                    };
                    int[] sizes = {1, nodes.size() / 2 + 1, nodes.size()};
                    Map<String, Object> value = new LinkedHashMap<>();
                    pick(nodes, sizes[rng.nextInt(sizes.length)], rng).forEach(n -> value.put(n, netem.asValue()));
                    return value;
                },
                "stop-netem",
                new NetemNemesis(),
                FaultPackage.Need.KERNEL_NETEM);
    }

    /** A clock fault on one node drawn now, then the clocks read, then that node reset. */
    private static FaultPackage clock(
            String name, List<String> nodes, Duration interval, BiFunction<String, SplittableRandom, OpSpec> fault) {
        Generator start = Gen.once((ctx, rng) -> fault.apply(nodes.get(rng.nextInt(nodes.size())), rng));
        Generator check = Gen.once(OpSpec.of("check-clocks", null));
        Generator stop = Gen.once(OpSpec.of("reset", null));
        Generator schedule = Gen.cycle(Gen.seq(Gen.sleep(interval), start, check, Gen.sleep(interval), stop));
        return new FaultPackage(name, schedule, stop, new ClockNemesis(), Set.of(FaultPackage.Need.OWN_CLOCK));
    }

    private static OpSpec bumpOne(String node, SplittableRandom rng) {
        long millis = (250L << rng.nextInt(8)) * (rng.nextBoolean() ? 1 : -1);
        return OpSpec.of("bump", Map.of(node, millis));
    }

    private static OpSpec strobeOne(String node, SplittableRandom rng, Duration interval) {
        Map<String, Object> strobe = new LinkedHashMap<>();
        strobe.put("delta", 250L << rng.nextInt(6));
        strobe.put("period", 10L << rng.nextInt(6));
        strobe.put("duration", interval.toMillis());
        return OpSpec.of("strobe", Map.of(node, strobe));
    }

    /**
     * The scenario that exposes a lease read without a clock bound: the primary's clock goes 5 s back and the
     * primary is cut off from the others at once; both end together.
     */
    private static FaultPackage skewIsolatePrimary(String name, Duration interval) {
        Nemesis clock = new ClockNemesis();
        Nemesis partition = new PartitionNemesis();
        Nemesis both = new CompositeNemesis(Map.of(
                "bump", clock,
                "reset", clock,
                "check-clocks", clock,
                "start-partition", partition,
                "stop-partition", partition));
        Generator start = Gen.once(OpSpec.of(
                CompositeNemesis.TOGETHER,
                List.of(
                        List.of("start-partition", ProcessNemesis.PRIMARIES),
                        List.of("bump", Map.of(ProcessNemesis.PRIMARIES, -10_000L)))));
        Generator stop = Gen.seq(Gen.once(OpSpec.of("stop-partition", null)), Gen.once(OpSpec.of("reset", null)));
        return new FaultPackage(
                name,
                cycle(interval, start, stop),
                stop,
                both,
                Set.of(FaultPackage.Need.OWN_NETWORK, FaultPackage.Need.OWN_CLOCK));
    }

    private static FaultPackage process(
            String name, String startF, String stopF, List<String> nodes, Duration interval, int count) {
        Generator schedule =
                Gen.cycle(Gen.seq(Gen.sleep(interval), new PairedFault(startF, stopF, nodes, count, interval)));
        return new FaultPackage(name, schedule, Gen.empty(), new ProcessNemesis());
    }

    /** Starts a fault on nodes drawn now, and ends it on the same nodes after {@code interval}. */
    private record PairedFault(String startF, String stopF, List<String> nodes, int count, Duration interval)
            implements Generator {
        @Override
        public Step next(Context ctx) {
            Worker worker = ctx.someFreeWorker();
            if (worker == null) {
                return Step.WAIT_FOR_COMPLETION;
            }
            List<String> chosen = pick(nodes, count, ctx.random().nemesis());
            Generator end = Gen.seq(Gen.sleep(interval), Gen.once(OpSpec.of(stopF, chosen)));
            return new Step.Emit(new Invocation(worker, ctx.time(), startF, chosen, Map.of()), end);
        }
    }

    /** Targets resolved when the op runs: the primaries then, and later the nodes that op affected. */
    private static FaultPackage primary(String name, String startF, String stopF, Duration interval) {
        Generator start = Gen.once(OpSpec.of(startF, ProcessNemesis.PRIMARIES));
        Generator stop = Gen.once(OpSpec.of(stopF, ProcessNemesis.AFFECTED));
        return new FaultPackage(name, cycle(interval, start, stop), Gen.empty(), new ProcessNemesis());
    }

    /** Waits {@code interval}, runs {@code start}, waits {@code interval}, runs {@code stop}, and again, forever. */
    public static Generator cycle(Duration interval, Generator start, Generator stop) {
        return Gen.cycle(Gen.seq(Gen.sleep(interval), start, Gen.sleep(interval), stop));
    }

    /** The size of a majority of these nodes: more than half. */
    static int majority(List<String> nodes) {
        return nodes.size() / 2 + 1;
    }

    /** The size of the largest minority: what is left beside a majority, at least one node. */
    static int minority(List<String> nodes) {
        return Math.max(1, nodes.size() - majority(nodes));
    }

    static List<String> pick(List<String> nodes, int count, SplittableRandom rng) {
        List<String> copy = new ArrayList<>(nodes);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, rng.nextInt(i + 1));
        }
        return copy.subList(0, Math.min(count, copy.size())).stream().sorted().toList();
    }
}
