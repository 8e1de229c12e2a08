package io.faultline.harness.plugins;

import io.faultline.harness.db.Client;
import io.faultline.harness.db.ClusterView;
import io.faultline.harness.db.Completion;
import io.faultline.harness.db.Db;
import java.util.List;

/** A plugin db for {@link PluginTest}: found through META-INF/services; answers every op ok with its value. */
public final class EchoDb implements Db, Db.DbProvider {

    @Override
    public String name() {
        return "echo-db";
    }

    @Override
    public Db create(List<String> bugs) {
        return this;
    }

    @Override
    public List<String> nodeArgs() {
        return List.of();
    }

    @Override
    public boolean needsCluster() {
        return false;
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, io.faultline.workloads.Workload workload) {
        return op -> Completion.ok(op.value());
    }
}
