package io.faultline.workloads.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The generator language: Jepsen's combinators over {@link Generator}. A sketch of the canonical test:
 *
 * <pre>{@code
 * Gen.phases(
 *     Gen.timeLimit(Duration.ofSeconds(60), Gen.both(
 *         Gen.clients(Gen.stagger(Duration.ofMillis(10), workload)),
 *         Gen.nemesis(faultSchedule))),
 *     Gen.nemesis(Gen.once(heal)),
 *     Gen.sleep(Duration.ofSeconds(5)),
 *     Gen.clients(Gen.eachWorker(finalRead)))
 * }</pre>
 */
public final class Gen {

    /** The function of the ops {@link #sleep} emits: the interpreter keeps the worker busy and records nothing. */
    public static final String SLEEP = ":sleep";

    private Gen() {}

    /** Produces an op's function and value from the seeded stream of the worker it will go to. */
    @FunctionalInterface
    public interface OpSource extends BiFunction<Context, SplittableRandom, OpSpec> {}

    /** One op, on some free worker (Jepsen's map literal). */
    public static Generator once(OpSpec spec) {
        return new Sources.Once(spec);
    }

    /** One op built when it is emitted. */
    public static Generator once(OpSource source) {
        return limit(1, repeat(source));
    }

    /** An endless stream of ops, each built by {@code source} when emitted (Jepsen's function generator). */
    public static Generator repeat(OpSource source) {
        return new Sources.Repeat(source);
    }

    /** An endless stream of the same op. */
    public static Generator repeat(OpSpec spec) {
        return repeat((ctx, rng) -> spec);
    }

    /** Nothing at all. */
    public static Generator empty() {
        return ctx -> Step.EXHAUSTED;
    }

    /** Each generator until it is exhausted, then the next (Jepsen's sequences). */
    public static Generator seq(Generator... generators) {
        return Sequence.of(List.of(generators));
    }

    public static Generator seq(List<Generator> generators) {
        return Sequence.of(generators);
    }

    /** Each phase starts once every worker is free and the previous phase is exhausted. */
    public static Generator phases(Generator... generators) {
        List<Generator> synced = new ArrayList<>();
        for (Generator g : generators) {
            synced.add(synchronize(g));
        }
        return Sequence.of(synced);
    }

    /** Waits until every visible worker is free, then behaves as {@code g}. */
    public static Generator synchronize(Generator g) {
        return new Timing.Synchronize(g);
    }

    /** At most {@code n} ops from {@code g}. */
    public static Generator limit(long n, Generator g) {
        return Limits.limit(n, g);
    }

    /** Ops from {@code g} until {@code duration} has passed since this generator was first asked. */
    public static Generator timeLimit(Duration duration, Generator g) {
        return Limits.timeLimit(duration.toNanos(), g);
    }

    /** Random gaps, uniform in [0, 2 dt], between consecutive ops of the whole stream (not per worker). */
    public static Generator stagger(Duration dt, Generator g) {
        return new Timing.Spaced(dt.toNanos(), true, Long.MIN_VALUE, g);
    }

    /** A fixed gap of {@code dt} between consecutive ops. */
    public static Generator delay(Duration dt, Generator g) {
        return new Timing.Spaced(dt.toNanos(), false, Long.MIN_VALUE, g);
    }

    /** Emits nothing for {@code dt} from when it is first asked, then is exhausted. */
    public static Generator sleep(Duration dt) {
        return new Timing.Sleep(dt.toNanos(), Long.MIN_VALUE);
    }

    /** Only client workers see {@code g}. */
    public static Generator clients(Generator g) {
        return Routing.restrict(new Routing.ClientsView(), g);
    }

    /** Only the nemesis sees {@code g}. */
    public static Generator nemesis(Generator g) {
        return Routing.restrict(new Routing.NemesisView(), g);
    }

    /** Client ops from {@code clients} and nemesis ops from {@code nemesis}, side by side. */
    public static Generator both(Generator clients, Generator nemesis) {
        return any(clients(clients), nemesis(nemesis));
    }

    /** Whichever generator has the soonest op (Jepsen's {@code any}); exhausted when all are. */
    public static Generator any(Generator... generators) {
        return new Choice.Any(List.of(generators));
    }

    /** A uniformly random choice among the generators for each op (Jepsen's {@code mix}). */
    public static Generator mix(Generator... generators) {
        return new Choice.Mix(List.of(generators));
    }

    /** A copy of {@code g} for each worker, each seeing only its worker (Jepsen's {@code each-thread}). */
    public static Generator eachWorker(Generator g) {
        return Routing.eachWorker(g);
    }

    /**
     * Splits the client workers: the first {@code counts[i]} workers (in order) run {@code generators[i]}, the rest
     * run {@code rest} (Jepsen's {@code reserve}).
     */
    public static Generator reserve(int[] counts, Generator[] generators, Generator rest) {
        return Routing.reserve(counts, generators, rest);
    }

    /** Ops from {@code g} until one of them completes ok. */
    public static Generator untilOk(Generator g) {
        return new Outcomes.UntilOk(g, null, false);
    }

    /** Alternates: an op from {@code a}, then one from {@code b}, then {@code a}... exhausted when either is. */
    public static Generator flipFlop(Generator a, Generator b) {
        return new Choice.FlipFlop(a, b, true);
    }

    /** Each generator in turn for its duration, cycling forever (Jepsen's {@code cycle-times}). */
    public static Generator cycleTimes(List<Duration> durations, List<Generator> generators) {
        return Timing.cycleTimes(durations, generators);
    }

    /** {@code g} again and again, from its start, forever. */
    public static Generator cycle(Generator g) {
        return new Limits.Cycle(g, g, Long.MAX_VALUE);
    }

    /** {@code g} from its start {@code times} times. */
    public static Generator cycle(long times, Generator g) {
        return new Limits.Cycle(g, g, times);
    }
}
