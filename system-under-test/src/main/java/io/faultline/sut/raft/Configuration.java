package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The voting members of the cluster, each with the peer address it was added with (empty when unknown; a node's
 * own {@code --peers} entry for a member wins over this address, so each link can go through its own proxy).
 */
public record Configuration(SortedMap<NodeId, String> members) {

    public static final Configuration EMPTY = new Configuration(new TreeMap<>());

    public Configuration {
        for (String address : members.values()) {
            if (address.contains(",") || address.contains("=")) {
                throw new IllegalArgumentException("a member address must not contain ',' or '=': " + address);
            }
        }
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    public static Configuration of(Map<NodeId, String> members) {
        return new Configuration(new TreeMap<>(members));
    }

    public boolean contains(NodeId id) {
        return members.containsKey(id);
    }

    public SortedSet<NodeId> ids() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(members.keySet()));
    }

    /** The smallest number of members that is more than half. */
    public int majority() {
        return members.size() / 2 + 1;
    }

    public Configuration with(NodeId id, String address) {
        TreeMap<NodeId, String> next = new TreeMap<>(members);
        next.put(id, address);
        return new Configuration(next);
    }

    public Configuration without(NodeId id) {
        TreeMap<NodeId, String> next = new TreeMap<>(members);
        next.remove(id);
        return new Configuration(next);
    }

    /** {@code n1=host:port,n2=,n3=host:port}. */
    public String encode() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<NodeId, String> e : members.entrySet()) {
            out.append(out.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        }
        return out.toString();
    }

    public static Configuration decode(String text) {
        TreeMap<NodeId, String> members = new TreeMap<>();
        for (String part : text.split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a configuration member looks like id=address, got '" + part + "'");
            }
            members.put(NodeId.of(part.substring(0, eq)), part.substring(eq + 1));
        }
        return new Configuration(members);
    }

    @Override
    public String toString() {
        return "{" + encode() + "}";
    }
}
