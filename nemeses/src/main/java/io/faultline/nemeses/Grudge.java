package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A partition as Jepsen plans it: for each node, the nodes whose traffic it drops. Grudges are computed purely
 * (from node names and a seeded random) and applied in one place by a {@link Nemesis}.
 *
 * @param drops node -> the nodes it refuses to hear from
 */
public record Grudge(Map<String, Set<String>> drops) {

    public Grudge {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        drops.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v)));
            }
        });
        drops = Collections.unmodifiableMap(copy);
    }

    /** Every node in one component drops every node of the others: a complete partition into components. */
    public static Grudge complete(List<List<String>> components) {
        Map<String, Set<String>> drops = new LinkedHashMap<>();
        for (List<String> component : components) {
            for (String node : component) {
                Set<String> others = new LinkedHashSet<>();
                for (List<String> other : components) {
                    if (other != component) {
                        others.addAll(other);
                    }
                }
                drops.put(node, others);
            }
        }
        return new Grudge(drops);
    }

    /** One random node cut off from all the others. */
    public static Grudge isolateOne(List<String> nodes, SplittableRandom random) {
        List<String> shuffled = shuffled(nodes, random);
        return complete(List.of(List.of(shuffled.getFirst()), shuffled.subList(1, shuffled.size())));
    }

    /** Two random halves; the first is the smaller (a minority) when the count is odd. */
    public static Grudge randomHalves(List<String> nodes, SplittableRandom random) {
        List<String> shuffled = shuffled(nodes, random);
        int cut = nodes.size() / 2;
        return complete(List.of(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size())));
    }

    /**
     * Every node sees a majority, and (for five nodes, the usual case) no two nodes the same one: on a random ring
     * each node hears only the nodes within distance {@code ceil((majority - 1) / 2)} (Jepsen's majorities ring).
     */
    public static Grudge majoritiesRing(List<String> nodes, SplittableRandom random) {
        List<String> ring = shuffled(nodes, random);
        int n = ring.size();
        int majority = n / 2 + 1;
        int reach = majority / 2;
        Map<String, Set<String>> drops = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Set<String> dropped = new LinkedHashSet<>();
            for (int j = 0; j < n; j++) {
                int distance = Math.min(Math.floorMod(i - j, n), Math.floorMod(j - i, n));
                if (distance > reach) {
                    dropped.add(ring.get(j));
                }
            }
            drops.put(ring.get(i), dropped);
        }
        return new Grudge(drops);
    }

    /** Two halves joined by one node that hears both (Jepsen's bridge). */
    public static Grudge bridge(List<String> nodes, SplittableRandom random) {
        List<String> shuffled = shuffled(nodes, random);
        int middle = shuffled.size() / 2;
        List<String> left = shuffled.subList(0, middle);
        List<String> right = shuffled.subList(middle + 1, shuffled.size());
        Map<String, Set<String>> drops = new LinkedHashMap<>();
        left.forEach(n -> drops.put(n, new LinkedHashSet<>(right)));
        right.forEach(n -> drops.put(n, new LinkedHashSet<>(left)));
        return new Grudge(drops);
    }

    public boolean isEmpty() {
        return drops.isEmpty();
    }

    /** The grudge as plain data for the history: node -> sorted list of dropped nodes. */
    public Map<String, List<String>> asValue() {
        Map<String, List<String>> value = new LinkedHashMap<>();
        drops.forEach((k, v) -> value.put(k, v.stream().sorted().toList()));
        return value;
    }

    private static List<String> shuffled(List<String> nodes, SplittableRandom random) {
        if (nodes.size() < 2) {
            throw new IllegalArgumentException("a partition needs at least 2 nodes, not " + nodes.size());
        }
        List<String> copy = new ArrayList<>(nodes);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }
}
