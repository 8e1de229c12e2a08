package io.faultline.harness.db;

import java.util.List;

/**
 * A system under test as the harness sees it: extra arguments for its nodes, and clients. Databases are found by
 * name through {@link DbProvider} (ServiceLoader), so a plugin jar can add {@code --db mydb}.
 */
public interface Db {

    String name();

    /** Arguments added to every node's command line, e.g. the store's {@code --bug} switches. */
    List<String> nodeArgs();

    /**
     * A fresh client for client worker {@code worker} of the named workload (its ops decide the calls); clients are
     * spread over the nodes.
     */
    Client openClient(ClusterView cluster, int worker, String workload);

    /** Makes databases of one name. */
    interface DbProvider {
        String name();

        Db create(List<String> bugs);
    }
}
