package io.faultline.api;

import java.util.List;

/** What a client needs to know of the cluster: the node names, and each node's current client address. */
public interface ClusterView {

    List<String> nodes();

    /** The node's address now (it may change when a container node restarts). */
    HostPort clientAddress(String node);
}
