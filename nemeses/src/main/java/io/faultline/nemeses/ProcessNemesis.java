package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Process faults: {@code kill} (SIGKILL) and {@code start}, {@code pause} (SIGSTOP or {@code docker pause}) and
 * {@code resume}, each with a list of nodes as its value. The harness's node control waits until each change took
 * effect (a killed node is gone, a started one answers), which is what "verified" records.
 */
public final class ProcessNemesis implements Nemesis {

    private final Set<String> killed = new LinkedHashSet<>();
    private final Set<String> paused = new LinkedHashSet<>();

    @Override
    public synchronized Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        List<String> targets = nodesOf(f, value);
        switch (f) {
            case "kill" ->
                PartitionNemesis.parallel(targets, n -> {
                    nodes.kill(n);
                    return n;
                });
            case "start" ->
                PartitionNemesis.parallel(targets, n -> {
                    nodes.start(n);
                    return n;
                });
            case "pause" ->
                PartitionNemesis.parallel(targets, n -> {
                    nodes.pause(n);
                    return n;
                });
            case "resume" ->
                PartitionNemesis.parallel(targets, n -> {
                    nodes.resume(n);
                    return n;
                });
            default ->
                throw new IllegalArgumentException(
                        "the process nemesis has kill, start, pause and resume, not '" + f + "'");
        }
        switch (f) {
            case "kill" -> killed.addAll(targets);
            case "start" -> targets.forEach(killed::remove);
            case "pause" -> paused.addAll(targets);
            default -> targets.forEach(paused::remove);
        }
        return new Outcome(targets, true, f + " took effect on " + String.join(", ", targets));
    }

    @Override
    public synchronized void heal(NodeControl nodes) {
        for (String node : List.copyOf(paused)) {
            nodes.resume(node);
        }
        paused.clear();
        for (String node : List.copyOf(killed)) {
            nodes.start(node);
        }
        killed.clear();
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
