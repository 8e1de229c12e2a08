package io.faultline.sut.quorum;

import io.faultline.sut.node.NodeId;
import java.util.Objects;

/**
 * The version a quorum write stamps on a value: a counter, then the writer's id to break ties, so that two
 * coordinators that pick the same counter still make different, totally ordered versions. {@link #ZERO} stands for
 * "never written"; every real write has a counter of at least 1.
 */
public record Version(long counter, NodeId writer) implements Comparable<Version> {

    /** The writer of {@link #ZERO}: {@code "-"} sorts before every other node id ('-' is the least allowed char). */
    public static final NodeId NOBODY = NodeId.of("-");

    /** The version of a key nobody has written; its value is JSON null. */
    public static final Version ZERO = new Version(0, NOBODY);

    public Version {
        Objects.requireNonNull(writer, "writer");
        if (counter < 0) {
            throw new IllegalArgumentException("a version counter must not be negative, got " + counter);
        }
        if (counter == 0 && !writer.equals(NOBODY)) {
            throw new IllegalArgumentException("counter 0 is reserved for Version.ZERO, got writer " + writer);
        }
    }

    public boolean isAfter(Version other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Version other) {
        int byCounter = Long.compare(counter, other.counter);
        return byCounter != 0 ? byCounter : writer.compareTo(other.writer);
    }

    @Override
    public String toString() {
        return counter + "@" + writer;
    }
}
