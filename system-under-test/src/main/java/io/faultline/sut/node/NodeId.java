package io.faultline.sut.node;

/** The name of a node of any engine, as given by {@code --id} and in {@code --peers}. */
public record NodeId(String value) implements Comparable<NodeId> {

    public NodeId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a node id must not be blank");
        }
        if (!value.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException(
                    "a node id may use only letters, digits, '_', '.' and '-', got '" + value + "'");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public int compareTo(NodeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
