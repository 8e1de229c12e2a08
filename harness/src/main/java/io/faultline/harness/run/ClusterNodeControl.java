package io.faultline.harness.run;

import io.faultline.api.ClusterView;
import io.faultline.api.Db;
import io.faultline.api.HostPort;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.harness.cluster.Cluster;
import io.faultline.harness.cluster.ExecResult;
import io.faultline.harness.cluster.Node;
import io.faultline.harness.cluster.NodeId;
import io.faultline.nemeses.NodeControl;
import java.time.Duration;
import java.util.List;

/** The harness's cluster as the nemeses and clients see it. */
final class ClusterNodeControl implements NodeControl, ClusterView {

    private final Cluster cluster;
    private final Db db;

    ClusterNodeControl(Cluster cluster, Db db) {
        this.cluster = cluster;
        this.db = db;
    }

    @Override
    public List<String> primaries() {
        return db instanceof Db.Primaries p ? p.primaries(this) : List.of();
    }

    @Override
    public List<String> nodes() {
        return cluster.nodes().stream().map(n -> n.id().name()).toList();
    }

    private Node node(String name) {
        return cluster.node(new NodeId(name));
    }

    @Override
    public void kill(String node) {
        node(node).kill();
    }

    @Override
    public void start(String node) {
        node(node).start();
    }

    @Override
    public void pause(String node) {
        node(node).pause();
    }

    @Override
    public void resume(String node) {
        node(node).resume();
    }

    @Override
    public java.util.Optional<Boolean> answers(String node, Duration within) {
        if (db instanceof Db.ServiceCheck check) {
            return java.util.Optional.of(check.answers(node(node).clientAddress(), within));
        }
        if (db.nodes() instanceof NodeSetup.Program(NodeProgram program)) {
            return java.util.Optional.of(program.ready(node(node).clientAddress(), within));
        }
        return java.util.Optional.empty();
    }

    /**
     * A db's own program without a {@link Db.ServiceCheck} is checked by {@link NodeProgram#ready}, by default a TCP
     * connect, which a stopped process's kernel still accepts: its pause cannot be seen.
     */
    @Override
    public java.util.Optional<String> pauseUnobservable(String node) {
        if (db instanceof Db.ServiceCheck || !(db.nodes() instanceof NodeSetup.Program)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the db " + db.name() + " has no service check (Db.ServiceCheck), and the"
                + " kernel of a paused process still accepts TCP connections, so the pause cannot be observed");
    }

    @Override
    public java.util.Optional<io.faultline.nemeses.LinkControl> links() {
        return cluster.links();
    }

    @Override
    public boolean isolatedNetworks() {
        return cluster.runtime().equals("containers");
    }

    @Override
    public CommandResult exec(String node, String... command) {
        ExecResult result = node(node).exec(Duration.ofSeconds(30), command);
        return new CommandResult(result.exitCode(), result.stdout() + result.stderr());
    }

    @Override
    public String address(String node) {
        return node(node).peerAddress().host();
    }

    @Override
    public int peerPort(String node) {
        return node(node).peerAddress().port();
    }

    @Override
    public HostPort clientAddress(String node) {
        return node(node).clientAddress();
    }
}
