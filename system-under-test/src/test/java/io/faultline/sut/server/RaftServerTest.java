package io.faultline.sut.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.Command;
import io.faultline.sut.kv.Outcome;
import io.faultline.sut.kv.Query;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Configuration;
import io.faultline.sut.raft.Message;
import io.faultline.sut.raft.RaftNode;
import io.faultline.sut.raft.RaftOptions;
import io.faultline.sut.raft.Role;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver's rounds on three in-process servers: what shares a sync, and what waits for one. */
class RaftServerTest {

    private final Map<NodeId, RaftServer> servers = new LinkedHashMap<>();
    private final Map<NodeId, GatedStorage> storages = new LinkedHashMap<>();
    /** Acknowledgements to the leader held back by the test instead of delivered, while {@link #holdAcks}. */
    private final Queue<Message> heldAcks = new ConcurrentLinkedQueue<>();

    private volatile boolean holdAcks;
    /** Nodes the test cut off: every message to or from them is dropped. */
    private final Set<NodeId> isolated = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private NodeId startCluster() {
        return startCluster(ReadMode.READ_INDEX);
    }

    private NodeId startCluster(ReadMode readMode) {
        Map<NodeId, String> members = new LinkedHashMap<>();
        for (String id : List.of("n1", "n2", "n3")) {
            members.put(NodeId.of(id), "");
        }
        // No check-quorum: a leader whose acknowledgements the test holds back must not step down meanwhile.
        RaftOptions options = RaftOptions.DEFAULT.withCheckQuorum(false);
        long seed = 1;
        for (NodeId id : members.keySet()) {
            GatedStorage storage = new GatedStorage();
            RaftNode node = new RaftNode(id, Configuration.of(members), storage, options, new Random(seed++));
            JsonLog quiet = new JsonLog(id.value(), new PrintStream(OutputStream.nullOutputStream()));
            RaftServer server =
                    new RaftServer(node, storage, Set.of(), readMode, 10, 10, 20, 1_000_000, quiet, new Metrics());
            server.connect(this::route);
            servers.put(id, server);
            storages.put(id, storage);
        }
        servers.values().forEach(RaftServer::start);
        waitFor("a leader", () -> leader() != null);
        return leader();
    }

    private void route(Message m) {
        if (isolated.contains(m.to()) || isolated.contains(m.from())) {
            return;
        }
        if (holdAcks && m instanceof Message.AppendResponse) {
            heldAcks.add(m);
            return;
        }
        servers.get(m.to()).deliver(m);
    }

    private NodeId leader() {
        for (RaftServer s : servers.values()) {
            if (s.status().role() == Role.LEADER) {
                return s.status().node();
            }
        }
        return null;
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Command write(String key, long value) {
        return new Command.Write(key, JsonValue.of(value));
    }

    @AfterEach
    void stop() {
        storages.values().forEach(GatedStorage::open);
        servers.values().forEach(RaftServer::close);
    }

    @Test
    void writes_that_arrive_while_the_leader_syncs_share_its_next_sync() throws Exception {
        NodeId leader = startCluster();
        GatedStorage storage = storages.get(leader);
        RaftServer server = servers.get(leader);
        storage.gate();
        CompletableFuture<Outcome> first = server.propose(write("k0", 0));
        waitFor("the leader to be inside the first write's sync", storage::holding);
        int before = storage.syncsWithWrites();
        List<CompletableFuture<Outcome>> rest = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            rest.add(server.propose(write("k" + i, i)));
        }

        storage.open();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Outcome> f : rest) {
            f.get(10, TimeUnit.SECONDS);
        }

        assertThat(storage.syncsWithWrites() - before)
                .as("syncs of the leader's log for the 20 writes queued during one sync")
                .isEqualTo(1);
    }

    @Test
    void a_committed_write_is_answered_without_waiting_for_the_leaders_sync_of_later_writes() throws Exception {
        NodeId leader = startCluster();
        GatedStorage storage = storages.get(leader);
        RaftServer server = servers.get(leader);
        holdAcks = true;
        CompletableFuture<Outcome> committed = server.propose(write("a", 1));
        waitFor(
                "both followers to acknowledge the write",
                () -> heldAcks.stream()
                                .filter(m -> m instanceof Message.AppendResponse r
                                        && r.success()
                                        && r.index().value() >= server.status().lastIndex())
                                .map(Message::from)
                                .distinct()
                                .count()
                        == 2);
        assertThat(committed)
                .as("the write before its acknowledgements reach the leader")
                .isNotDone();
        storage.gate();
        server.propose(write("x", 2)); // its sync holds the leader's thread while the next inputs queue up
        waitFor("the leader to be inside a sync", storage::holding);

        Message ack;
        while ((ack = heldAcks.poll()) != null) {
            server.deliver(ack); // the acknowledgements that commit the first write...
        }
        CompletableFuture<Outcome> later = server.propose(write("b", 3)); // ...arrive with a later write
        storage.release(); // the round with both: its sync of the later write is held

        // The later write's sync stays held until the test lets it go, so an answer now did not wait for it.
        assertThat(committed.get(10, TimeUnit.SECONDS))
                .as("the committed write's answer")
                .isInstanceOf(Outcome.Done.class);
        waitFor("the leader to be inside the later write's sync", storage::holding);
        assertThat(later).as("the later write, not yet synced by its leader").isNotDone();
    }

    private NodeId aFollower(NodeId leader) {
        return servers.keySet().stream()
                .filter(id -> !id.equals(leader))
                .findFirst()
                .orElseThrow();
    }

    private static Query.ReadRegister readA() {
        return new Query.ReadRegister("a");
    }

    @Test
    void in_sequential_mode_a_follower_cut_off_from_the_leader_serves_reads_from_its_own_applied_state()
            throws Exception {
        NodeId leader = startCluster(ReadMode.SEQUENTIAL);
        NodeId follower = aFollower(leader);
        Indexed<Outcome> first =
                servers.get(leader).proposeIndexed(write("a", 1)).get(10, TimeUnit.SECONDS);
        long firstIndex = first.index().orElseThrow();
        waitFor(
                "the follower to apply the first write",
                () -> servers.get(follower).status().appliedIndex() >= firstIndex);
        isolated.add(follower);
        servers.get(leader).proposeIndexed(write("a", 2)).get(10, TimeUnit.SECONDS);

        Indexed<JsonValue> read =
                servers.get(follower).readIndexed(readA(), firstIndex).get(10, TimeUnit.SECONDS);

        assertThat(read.value())
                .as("the follower's own state, older than the leader's second write")
                .isEqualTo(JsonValue.of(1));
        assertThat(read.index()).as("the applied index the read was served at").hasValue(firstIndex);
    }

    @Test
    void in_sequential_mode_a_read_whose_min_index_is_above_the_applied_index_waits_until_it_is_applied()
            throws Exception {
        NodeId leader = startCluster(ReadMode.SEQUENTIAL);
        NodeId follower = aFollower(leader);
        isolated.add(follower);
        long written = servers.get(leader)
                .proposeIndexed(write("a", 7))
                .get(10, TimeUnit.SECONDS)
                .index()
                .orElseThrow();
        RaftServer behind = servers.get(follower);

        CompletableFuture<Indexed<JsonValue>> waiting = behind.readIndexed(readA(), written);
        // The loop takes inputs in order: once a later read without min-index is answered, the first was handled.
        Indexed<JsonValue> meanwhile = behind.readIndexed(readA(), 0).get(10, TimeUnit.SECONDS);
        assertThat(meanwhile.index().orElseThrow())
                .as("the cut-off follower's applied index")
                .isLessThan(written);
        assertThat(waiting).as("the read at min-index " + written).isNotDone();

        isolated.remove(follower);
        Indexed<JsonValue> served = waiting.get(10, TimeUnit.SECONDS);
        assertThat(served.value()).as("the write it waited for").isEqualTo(JsonValue.of(7));
        assertThat(served.index().orElseThrow()).isGreaterThanOrEqualTo(written);
    }

    @Test
    void writes_answer_with_their_entrys_log_index_and_reads_with_the_applied_index_they_were_served_at()
            throws Exception {
        NodeId leader = startCluster(ReadMode.SEQUENTIAL);
        RaftServer server = servers.get(leader);
        long one = server.proposeIndexed(write("a", 1))
                .get(10, TimeUnit.SECONDS)
                .index()
                .orElseThrow();
        long two = server.proposeIndexed(write("a", 2))
                .get(10, TimeUnit.SECONDS)
                .index()
                .orElseThrow();
        Indexed<JsonValue> read = server.readIndexed(readA(), two).get(10, TimeUnit.SECONDS);

        assertThat(two).as("the second write's entry, after the first's").isEqualTo(one + 1);
        assertThat(read.index())
                .as("the leader has applied exactly both writes")
                .hasValue(two);
        assertThat(read.value()).isEqualTo(JsonValue.of(2));
    }

    @Test
    void the_http_api_puts_the_index_in_every_reply_and_takes_min_index_on_reads() throws Exception {
        NodeId leader = startCluster(ReadMode.SEQUENTIAL);
        try (HttpApi api = new HttpApi(0, leader, servers.get(leader), new Metrics(), () -> "{}", 3000);
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            api.start();
            java.net.URI base = java.net.URI.create("http://127.0.0.1:" + api.port());
            String put = http.send(
                            java.net.http.HttpRequest.newBuilder(base.resolve("/kv/a"))
                                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"value\":5}"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            long index =
                    ((JsonValue.JsonNumber) ((JsonValue.JsonObject) JsonValue.parse(put)).require("index")).longValue();
            var get = http.send(
                    java.net.http.HttpRequest.newBuilder(base.resolve("/kv/a?min-index=" + index))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var bad = http.send(
                    java.net.http.HttpRequest.newBuilder(base.resolve("/kv/a?min-index=soon"))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(JsonValue.parse(get.body()))
                    .as("the read at the write's index")
                    .isEqualTo(JsonValue.parse(
                            "{\"ok\":true,\"node\":\"" + leader.value() + "\",\"value\":5,\"index\":" + index + "}"));
            assertThat(bad.statusCode()).as("a min-index that is no number").isEqualTo(400);
            assertThat(bad.body()).contains("min-index must be a log index");
        }
    }
}
