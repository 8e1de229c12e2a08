package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Process faults: {@code kill} (SIGKILL) and {@code start}, {@code pause} (SIGSTOP or {@code docker pause}) and
 * {@code resume}, each with a list of nodes as its value, or {@code "primaries"} (whichever nodes are primary when the
 * op runs) or {@code "affected"} (the nodes it killed or paused before). Killing several nodes freezes them all first, so that they
 * stop at one instant: the Docker engine serializes kills (five take about 0.6 s), and a node still running in the
 * meantime could persist what the others lose. The harness's node control waits until each change took effect (a
 * killed node is gone, a started one answers), which is what "verified" records.
 */
public final class ProcessNemesis implements Nemesis {

    private final Set<String> killed = new LinkedHashSet<>();
    private final Set<String> paused = new LinkedHashSet<>();

    /** A value naming the primaries at the moment the op runs, rather than nodes chosen in advance. */
    public static final String PRIMARIES = "primaries";
    /** How long an op aimed at the primaries waits for one to exist before it acts on nothing. */
    public static final java.time.Duration PRIMARY_PATIENCE = java.time.Duration.ofSeconds(5);

    /** A value naming every node this nemesis killed (for start) or paused (for resume) and has not restored. */
    public static final String AFFECTED = "affected";

    @Override
    public synchronized Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        List<String> targets = resolve(f, value, nodes);
        if (targets.isEmpty()) {
            return new Outcome(List.of(), false, f + " found no node to act on (" + value + ")");
        }
        switch (f) {
            case "kill" -> {
                if (targets.size() > 1) {
                    each(targets, nodes, NodeControl::pause);
                }
                each(targets, nodes, NodeControl::kill);
                killed.addAll(targets);
                targets.forEach(paused::remove);
            }
            case "start" -> {
                each(targets, nodes, NodeControl::start);
                targets.forEach(killed::remove);
            }
            case "pause" -> {
                each(targets, nodes, NodeControl::pause);
                paused.addAll(targets);
            }
            case "resume" -> {
                each(targets, nodes, NodeControl::resume);
                targets.forEach(paused::remove);
            }
            default ->
                throw new IllegalArgumentException(
                        "the process nemesis has kill, start, pause and resume, not '" + f + "'");
        }
        return verifiedByService(f, targets, nodes);
    }

    /** How long a killed or paused node's service is given to answer before its silence counts as the effect. */
    public static final java.time.Duration SILENCE = java.time.Duration.ofMillis(500);

    /**
     * The outcome as the service shows it: after a kill or pause every target's service must be silent, and after
     * a start or resume it must answer. A target whose database offers no check is taken on the word of the signal,
     * and the note says so; a pause whose effect the check cannot show ({@link NodeControl#pauseUnobservable}) is
     * not verified, with the reason.
     */
    private static Outcome verifiedByService(String f, List<String> targets, NodeControl nodes) {
        if (f.equals("pause")) {
            List<String> blind = new ArrayList<>();
            for (String node : targets) {
                nodes.pauseUnobservable(node).ifPresent(why -> blind.add(node + ": " + why));
            }
            if (!blind.isEmpty()) {
                return new Outcome(targets, false, "pause not verified on " + String.join("; ", blind));
            }
        }
        boolean down = f.equals("kill") || f.equals("pause");
        List<String> wrong = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        List<java.util.Optional<Boolean>> answers = PartitionNemesis.parallel(
                targets, node -> nodes.answers(node, down ? SILENCE : java.time.Duration.ofSeconds(5)));
        for (int i = 0; i < targets.size(); i++) {
            String node = targets.get(i);
            java.util.Optional<Boolean> answered = answers.get(i);
            if (answered.isEmpty()) {
                unchecked.add(node);
            } else if (answered.get() == down) {
                wrong.add(node);
            }
        }
        if (!wrong.isEmpty()) {
            return new Outcome(
                    targets,
                    false,
                    f + " did not take effect on " + String.join(", ", wrong) + ": "
                            + (down
                                    ? "its service still answered within " + SILENCE.toMillis() + " ms"
                                    : "its service did not answer within 5 s"));
        }
        return new Outcome(
                targets,
                true,
                f + " took effect on " + String.join(", ", targets)
                        + (unchecked.isEmpty()
                                ? (down ? " (the service went silent)" : " (the service answers again)")
                                : " (service not checked on " + String.join(", ", unchecked)
                                        + ": the database offers no check)"));
    }

    @Override
    public synchronized void heal(NodeControl nodes) {
        each(List.copyOf(paused), nodes, NodeControl::resume);
        paused.clear();
        each(List.copyOf(killed), nodes, NodeControl::start);
        killed.clear();
    }

    private static void each(List<String> targets, NodeControl nodes, BiConsumer<NodeControl, String> action) {
        PartitionNemesis.parallel(targets, n -> {
            action.accept(nodes, n);
            return n;
        });
    }

    private List<String> resolve(String f, @Nullable Object value, NodeControl nodes) {
        if (PRIMARIES.equals(value)) {
            return nodes.awaitPrimaries(ProcessNemesis.PRIMARY_PATIENCE);
        }
        if (AFFECTED.equals(value)) {
            return List.copyOf(f.equals("start") ? killed : paused);
        }
        return nodesOf(f, value);
    }

    private static List<String> nodesOf(String f, @Nullable Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(f + " needs a non-empty list of nodes, not " + value);
        }
        List<String> nodes = new ArrayList<>();
        list.forEach(n -> nodes.add(String.valueOf(n)));
        return nodes;
    }
}
