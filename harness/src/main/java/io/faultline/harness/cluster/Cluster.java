package io.faultline.harness.cluster;

import java.util.List;
import java.util.NoSuchElementException;

/** A set of nodes that know each other, started together and removed together by {@link #close()}. */
public interface Cluster extends AutoCloseable {

    /** {@code "containers"} or {@code "processes"}. */
    String runtime();

    /** The nodes in id order. */
    List<Node> nodes();

    default Node node(NodeId id) {
        return nodes().stream()
                .filter(n -> n.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no node " + id + " in this cluster: " + nodes()));
    }

    /** The proxied node-to-node links, when the cluster was started with them. */
    default java.util.Optional<io.faultline.nemeses.LinkControl> links() {
        return java.util.Optional.empty();
    }

    /** Stops every node and removes what the cluster created; the node logs stay in its work directory. */
    @Override
    void close();
}
