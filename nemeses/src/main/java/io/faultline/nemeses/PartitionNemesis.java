package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Partitions with iptables inside each node: for a grudge {@code a -> [b, c]}, node {@code a} drops every packet
 * from {@code b} and {@code c}. Healing flushes the filter table's INPUT chain only (Docker's DNS lives in the nat
 * table). A cut is verified from the other side: {@code b} cannot open a TCP connection to {@code a}'s peer port.
 *
 * <p>Ops: {@code start-partition} with a grudge ({@code {"n1": ["n3", "n4"], ...}}) or {@code "primaries"} (cut the
 * nodes that are primary when the op runs from all others), {@code stop-partition}.
 */
public final class PartitionNemesis implements Nemesis {

    @Override
    public Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        requireIsolatedNetworks(nodes);
        return switch (f) {
            case "start-partition" -> {
                if (ProcessNemesis.PRIMARIES.equals(value)) {
                    java.util.Optional<Grudge> isolate = isolatePrimaries(nodes);
                    yield isolate.isPresent()
                            ? start(isolate.get(), nodes)
                            : new Outcome(Map.of(), false, "start-partition found no primary to isolate");
                }
                yield start(grudgeOf(value), nodes);
            }
            case "stop-partition" -> {
                heal(nodes);
                yield new Outcome("healed", verifyHealed(nodes), "every node accepts its peers again");
            }
            default ->
                throw new IllegalArgumentException(
                        "the partition nemesis has start-partition and stop-partition, not '" + f + "'");
        };
    }

    @Override
    public void heal(NodeControl nodes) {
        if (!nodes.isolatedNetworks()) {
            return;
        }
        parallel(nodes.nodes(), node -> nodes.exec(node, "iptables", "-w", "-F", "INPUT"));
    }

    private Outcome start(Grudge grudge, NodeControl nodes) {
        parallel(List.copyOf(grudge.drops().keySet()), node -> {
            StringBuilder script = new StringBuilder("set -e");
            for (String peer : grudge.drops().get(node)) {
                script.append("; iptables -w -A INPUT -s ")
                        .append(nodes.address(peer))
                        .append(" -j DROP");
            }
            NodeControl.CommandResult result = nodes.exec(node, "sh", "-c", script.toString());
            if (!result.ok()) {
                throw new IllegalStateException("iptables on " + node + " failed: " + result.output());
            }
            return result;
        });
        List<String> refused = parallel(List.copyOf(grudge.drops().keySet()), node -> {
            String peer = grudge.drops().get(node).iterator().next();
            return connects(nodes, peer, node) ? null : peer + " cannot reach " + node;
        });
        boolean verified = refused.stream().allMatch(r -> r != null);
        return new Outcome(
                grudge.asValue(),
                verified,
                verified ? "verified: " + String.join(", ", refused) : "some cut links still connect: " + refused);
    }

    /** The grudge that cuts the current primaries off from every other node, or empty when none is known. */
    static java.util.Optional<Grudge> isolatePrimaries(NodeControl nodes) {
        List<String> primaries = nodes.awaitPrimaries(ProcessNemesis.PRIMARY_PATIENCE);
        if (primaries.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<String> rest = new ArrayList<>(nodes.nodes());
        rest.removeAll(primaries);
        return java.util.Optional.of(Grudge.complete(List.of(primaries, rest)));
    }

    private boolean verifyHealed(NodeControl nodes) {
        List<String> all = nodes.nodes();
        if (all.size() < 2) {
            return true;
        }
        List<Boolean> ok = parallel(all, node -> connects(nodes, all.get((all.indexOf(node) + 1) % all.size()), node));
        return ok.stream().allMatch(Boolean::booleanValue);
    }

    /** Whether {@code from} opens a TCP connection to {@code to}'s peer port within a second. */
    static boolean connects(NodeControl nodes, String from, String to) {
        return nodes.exec(from, "nc", "-z", "-w", "1", nodes.address(to), Integer.toString(nodes.peerPort(to)))
                .ok();
    }

    static Grudge grudgeOf(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("start-partition needs a grudge {node: [nodes it drops]}, not " + value);
        }
        Map<String, java.util.Set<String>> drops = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(v instanceof List<?> list)) {
                throw new IllegalArgumentException("the grudge of " + k + " must be a list of nodes, not " + v);
            }
            drops.put(
                    String.valueOf(k),
                    new java.util.LinkedHashSet<>(
                            list.stream().map(String::valueOf).toList()));
        });
        return new Grudge(drops);
    }

    private static void requireIsolatedNetworks(NodeControl nodes) {
        if (!nodes.isolatedNetworks()) {
            throw new IllegalArgumentException(
                    "partitions need nodes with their own network (the containers runtime): local processes share"
                            + " the host's network, so iptables cannot cut one node off");
        }
    }

    /** Runs the action for every item at once and returns the results in order. */
    static <T> List<T> parallel(List<String> items, java.util.function.Function<String, T> action) {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (String item : items) {
                futures.add(pool.submit(() -> action.apply(item)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying a fault", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
