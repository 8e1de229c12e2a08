package io.faultline.sut.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.sut.disk.ReplicaJournal;
import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.Command;
import io.faultline.sut.kv.Query;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.QuorumMessage;
import io.faultline.sut.quorum.QuorumNode;
import io.faultline.sut.quorum.QuorumOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three quorum engines in one JVM, their messages passed in memory, each with a real journal on disk. */
class QuorumServerTest {

    private static final List<NodeId> IDS = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"));

    @TempDir
    Path dir;

    private final Map<NodeId, QuorumServer> servers = new ConcurrentHashMap<>();
    private final Set<NodeId> cutOff = ConcurrentHashMap.newKeySet();
    private final List<QuorumServer> started = new ArrayList<>();

    private QuorumServer start(NodeId id, int timeoutTicks) {
        ReplicaJournal journal = ReplicaJournal.open(dir.resolve(id.value()));
        QuorumNode node = new QuorumNode(
                id,
                IDS,
                new QuorumOptions(2, 2, true, false, 4, timeoutTicks),
                journal.state(),
                journal.nextIncarnation());
        QuorumServer server = new QuorumServer(
                node,
                id,
                IDS,
                journal,
                Set.of(),
                10,
                System::currentTimeMillis,
                new JsonLog(id.value(), new PrintStream(new ByteArrayOutputStream())),
                new Metrics());
        server.connect(this::route);
        servers.put(id, server);
        started.add(server);
        server.start();
        return server;
    }

    private void route(QuorumMessage m) {
        QuorumServer to = servers.get(m.to());
        if (to != null && !cutOff.contains(m.to()) && !cutOff.contains(m.from())) {
            to.deliver(m);
        }
    }

    @AfterEach
    void stop() {
        started.forEach(QuorumServer::close);
    }

    @Test
    void a_write_at_one_node_is_read_at_another() throws Exception {
        IDS.forEach(id -> start(id, 100));

        servers.get(IDS.get(0)).propose(new Command.Write("r", JsonValue.of(7))).get(5, TimeUnit.SECONDS);
        JsonValue read =
                servers.get(IDS.get(2)).read(new Query.ReadRegister("r")).get(5, TimeUnit.SECONDS);

        assertThat(read).isEqualTo(JsonValue.of(7));
    }

    @Test
    void an_operation_the_engine_does_not_serve_is_refused_naming_it() {
        IDS.forEach(id -> start(id, 100));

        assertThatThrownBy(() -> servers.get(IDS.get(0))
                        .propose(new Command.Cas("r", JsonValue.of(1), JsonValue.of(2)))
                        .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(StoreException.Unsupported.class)
                .hasMessageContaining("not compare-and-set");
    }

    @Test
    void a_write_without_a_quorum_times_out_as_indeterminate_and_a_read_as_definite() {
        IDS.forEach(id -> start(id, 20));
        cutOff.add(IDS.get(1));
        cutOff.add(IDS.get(2));
        QuorumServer alone = servers.get(IDS.get(0));

        assertThatThrownBy(() ->
                        alone.propose(new Command.Write("r", JsonValue.of(1))).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        StoreException.Timeout.class,
                        t -> assertThat(t.definite()).isFalse());
        assertThatThrownBy(() -> alone.read(new Query.ReadRegister("r")).get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(
                        StoreException.Timeout.class,
                        t -> assertThat(t.definite()).isTrue());
    }

    @Test
    void a_restarted_node_recovers_what_it_acknowledged_from_its_journal() throws Exception {
        IDS.forEach(id -> start(id, 100));
        servers.get(IDS.get(0)).propose(new Command.Write("r", JsonValue.of(3))).get(5, TimeUnit.SECONDS);
        // Every node acknowledges once it has synced, so a majority holds the value durably now; stop all three.
        started.forEach(QuorumServer::close);
        started.clear();
        servers.clear();

        IDS.forEach(id -> start(id, 100));
        QuorumServer n2 = servers.get(IDS.get(1));
        assertThat(n2.read(new Query.ReadRegister("r")).get(5, TimeUnit.SECONDS))
                .isEqualTo(JsonValue.of(3));
    }
}
