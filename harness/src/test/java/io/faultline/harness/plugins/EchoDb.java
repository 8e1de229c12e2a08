package io.faultline.harness.plugins;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.Db;
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

    /** Takes one setting, {@code echo=VALUE}; refuses any other key, naming it. */
    @Override
    public Db create(List<String> bugs, java.util.Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!key.equals("echo")) {
                throw new IllegalArgumentException("echo-db has no setting '" + key + "' (it takes: echo)");
            }
        }
        return this;
    }

    @Override
    public io.faultline.api.NodeSetup nodes() {
        return io.faultline.api.NodeSetup.none();
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, io.faultline.workloads.Workload workload) {
        return op -> Completion.ok(op.value());
    }
}
