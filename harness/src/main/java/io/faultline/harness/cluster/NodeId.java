package io.faultline.harness.cluster;

/** A node's name within its cluster, such as {@code n1}: also its hostname in a container cluster. */
public record NodeId(String name) implements Comparable<NodeId> {

    public NodeId {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException(
                    "node id '" + name + "' must be a lower-case letter followed by up to 30 letters, digits or '-'");
        }
    }

    /** {@code n1}, {@code n2}, ... for the i-th node counting from 1. */
    public static NodeId of(int ordinal) {
        return new NodeId("n" + ordinal);
    }

    @Override
    public int compareTo(NodeId other) {
        int byLength = Integer.compare(name.length(), other.name.length());
        return byLength != 0 ? byLength : name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
