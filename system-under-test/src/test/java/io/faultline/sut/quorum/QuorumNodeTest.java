package io.faultline.sut.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.Completion.ReadDone;
import io.faultline.sut.quorum.Completion.TimedOut;
import io.faultline.sut.quorum.Completion.WriteDone;
import io.faultline.sut.quorum.QuorumMessage.Query;
import io.faultline.sut.quorum.QuorumMessage.QueryReply;
import io.faultline.sut.quorum.QuorumMessage.Store;
import io.faultline.sut.quorum.QuorumMessage.StoreAck;
import io.faultline.sut.quorum.QuorumReady.Persist;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behaviours of one quorum node, driven by hand: the test plays the other replicas and the network, delivering
 * exactly the messages it chooses.
 */
class QuorumNodeTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private static final NodeId N3 = NodeId.of("n3");
    private static final List<NodeId> ALL = List.of(N1, N2, N3);
    private static final QuorumOptions MAJORITY = QuorumOptions.majority(3);

    private static QuorumNode node(QuorumOptions options) {
        return new QuorumNode(N1, ALL, options, Map.of());
    }

    private static Versioned v(long counter, NodeId writer, long value) {
        return new Versioned(new Version(counter, writer), JsonValue.of(value));
    }

    private static <M extends QuorumMessage> List<M> sent(QuorumReady ready, Class<M> type) {
        List<M> out = new ArrayList<>();
        for (QuorumMessage m : ready.messages()) {
            if (type.isInstance(m)) {
                out.add(type.cast(m));
            }
        }
        return out;
    }

    private static QueryReply reply(Query q, NodeId from, Versioned current) {
        return new QueryReply(from, q.from(), q.op(), q.key(), current);
    }

    private static StoreAck ack(Store s, NodeId from) {
        return new StoreAck(from, s.from(), s.op(), s.key());
    }

    /** Runs a write on {@code node} through its query phase, with n2 and n3 holding {@code n2Has} and nothing. */
    private static List<Store> queried(QuorumNode node, Versioned n2Has) {
        node.write(7, "x", JsonValue.of("new"), 0);
        List<Query> queries = sent(node.ready(), Query.class);
        node.step(reply(queries.get(1), N2, n2Has));
        node.step(reply(queries.get(2), N3, Versioned.NONE));
        return sent(node.ready(), Store.class);
    }

    @Test
    void a_write_queries_every_replica_then_stores_one_above_the_newest_version_it_saw() {
        QuorumNode node = node(MAJORITY);

        node.write(7, "x", JsonValue.of("new"), 0);
        List<Query> queries = sent(node.ready(), Query.class);
        assertThat(queries).extracting(Query::to).containsExactly(N1, N2, N3);

        node.step(reply(queries.get(1), N2, v(4, N3, 1)));
        assertThat(node.ready().isEmpty()).as("one reply of the two it needs").isTrue();
        node.step(reply(queries.get(2), N3, v(2, N2, 0)));

        QuorumReady ready = node.ready();
        Versioned proposed = new Versioned(new Version(5, N1), JsonValue.of("new"));
        assertThat(sent(ready, Store.class))
                .extracting(Store::to, Store::proposed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(N1, proposed),
                        org.assertj.core.groups.Tuple.tuple(N2, proposed),
                        org.assertj.core.groups.Tuple.tuple(N3, proposed));
        assertThat(ready.persist())
                .as("the coordinator's own replica holds the new version durably before anyone else")
                .containsExactly(new Persist("x", proposed));
    }

    @Test
    void a_write_completes_after_w_distinct_acks_and_not_before() {
        QuorumNode node = node(MAJORITY);
        List<Store> stores = queried(node, Versioned.NONE);

        node.step(ack(stores.get(1), N2));
        node.step(ack(stores.get(1), N2));
        assertThat(node.ready().completions())
                .as("the same replica twice is one ack")
                .isEmpty();
        assertThat(node.pending()).isEqualTo(1);

        node.step(ack(stores.get(2), N3));
        assertThat(node.ready().completions()).containsExactly(new WriteDone(7, new Version(1, N1)));
        assertThat(node.pending()).isZero();
    }

    @Test
    void a_read_writes_back_the_newest_version_before_answering() {
        QuorumNode node = node(MAJORITY);
        node.read(3, "x");
        List<Query> queries = sent(node.ready(), Query.class);
        Versioned newest = v(9, N2, 42);
        node.step(reply(queries.get(2), N3, v(8, N3, 41)));
        node.step(reply(queries.get(1), N2, newest));

        QuorumReady ready = node.ready();
        assertThat(ready.completions()).as("not before the write-back").isEmpty();
        List<Store> stores = sent(ready, Store.class);
        assertThat(stores).extracting(Store::proposed).containsOnly(newest).hasSize(3);

        node.step(ack(stores.get(0), N1));
        node.step(ack(stores.get(2), N3));
        assertThat(node.ready().completions()).containsExactly(new ReadDone(3, newest));
    }

    @Test
    void without_write_back_a_read_answers_right_after_its_query_phase() {
        QuorumNode node = node(MAJORITY.withWriteBack(false));
        node.read(3, "x");
        List<Query> queries = sent(node.ready(), Query.class);
        node.step(reply(queries.get(1), N2, v(9, N2, 42)));
        node.step(reply(queries.get(2), N3, Versioned.NONE));

        QuorumReady ready = node.ready();
        assertThat(ready.completions()).containsExactly(new ReadDone(3, v(9, N2, 42)));
        assertThat(sent(ready, Store.class)).isEmpty();
    }

    @Test
    void replies_to_an_earlier_phase_or_a_finished_operation_are_ignored() {
        QuorumNode node = node(MAJORITY);
        node.write(7, "x", JsonValue.of("new"), 0);
        List<Query> queries = sent(node.ready(), Query.class);
        node.step(reply(queries.get(1), N2, Versioned.NONE));
        node.step(reply(queries.get(2), N3, Versioned.NONE));
        List<Store> stores = sent(node.ready(), Store.class);
        assertThat(stores.get(0).op())
                .as("each phase has its own op id")
                .isNotEqualTo(queries.get(0).op());

        node.step(reply(queries.get(0), N1, v(100, N1, 5)));
        node.step(new StoreAck(N2, N1, queries.get(0).op(), "x"));
        node.step(new StoreAck(N3, N1, stores.get(0).op(), "y"));
        assertThat(node.ready().isEmpty())
                .as("a late query reply, an ack naming the query, an ack of another key")
                .isTrue();

        node.step(ack(stores.get(1), N2));
        node.step(ack(stores.get(2), N3));
        assertThat(node.ready().completions()).hasSize(1);
        node.step(ack(stores.get(0), N1));
        assertThat(node.ready().isEmpty())
                .as("an ack after the write completed")
                .isTrue();
    }

    @Test
    void retries_resend_the_current_phase_only_to_replicas_that_have_not_answered() {
        QuorumNode node = node(MAJORITY);
        List<Store> stores = queried(node, Versioned.NONE);
        node.step(ack(stores.get(1), N2));
        node.ready();

        for (int i = 1; i < MAJORITY.retryTicks(); i++) {
            node.tick();
            assertThat(node.ready().messages()).as("tick %d", i).isEmpty();
        }
        node.tick();

        assertThat(sent(node.ready(), Store.class))
                .extracting(Store::to, Store::op)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(N1, stores.get(0).op()),
                        org.assertj.core.groups.Tuple.tuple(N3, stores.get(0).op()));
    }

    @Test
    void an_operation_that_hears_no_quorum_times_out_and_says_whether_it_was_a_write() {
        QuorumNode node = node(MAJORITY);
        node.write(1, "x", JsonValue.of(1), 0);
        node.read(2, "y");
        node.ready();

        List<Completion> done = new ArrayList<>();
        for (int i = 0; i < MAJORITY.timeoutTicks(); i++) {
            assertThat(done).as("tick %d", i).isEmpty();
            node.tick();
            done.addAll(node.ready().completions());
        }

        assertThat(done).hasSize(2).allMatch(c -> c instanceof TimedOut);
        assertThat(((TimedOut) done.get(0)).write()).isTrue();
        assertThat(((TimedOut) done.get(1)).write()).isFalse();
        assertThat(((TimedOut) done.get(0)).why()).contains("write 1 of x in its query phase", "0 of the 2");
        assertThat(node.pending()).isZero();
    }

    @Test
    void a_replica_keeps_only_newer_values_and_acknowledges_every_store_in_the_ready_that_persists_it() {
        QuorumNode node = new QuorumNode(N2, ALL, MAJORITY, Map.of());

        node.step(new Store(N1, N2, 10, "x", v(3, N1, 30)));
        QuorumReady first = node.ready();
        assertThat(first.persist()).containsExactly(new Persist("x", v(3, N1, 30)));
        assertThat(first.messages()).containsExactly(new StoreAck(N2, N1, 10, "x"));

        node.step(new Store(N3, N2, 11, "x", v(2, N3, 20)));
        node.step(new Store(N3, N2, 12, "x", v(3, N1, 30)));
        QuorumReady second = node.ready();
        assertThat(second.persist())
                .as("older and equal versions change nothing")
                .isEmpty();
        assertThat(second.messages()).hasSize(2);

        node.step(new Query(N3, N2, 13, "x"));
        node.step(new Query(N3, N2, 14, "never-written"));
        assertThat(node.ready().messages())
                .containsExactly(
                        new QueryReply(N2, N3, 13, "x", v(3, N1, 30)),
                        new QueryReply(N2, N3, 14, "never-written", Versioned.NONE));
        assertThat(node.replicaState()).containsExactly(Map.entry("x", v(3, N1, 30)));
    }

    @Test
    void a_restarted_node_keeps_its_recovered_versions_and_writes_above_its_own() {
        Versioned recovered = v(12, N1, 5);
        QuorumNode node = new QuorumNode(N1, ALL, MAJORITY, Map.of("x", recovered), 1);

        assertThat(node.replicaState()).containsExactly(Map.entry("x", recovered));
        List<Store> stores = queried(node, v(3, N2, 1));
        assertThat(stores.get(0).proposed().version())
                .as("the replicas it heard hold only 3, but it may have written 12 to a minority before")
                .isEqualTo(new Version(13, N1));
    }

    @Test
    void a_write_after_a_timed_out_one_never_reuses_its_version() {
        QuorumNode node = node(MAJORITY);
        List<Store> first = queried(node, Versioned.NONE);
        for (int i = 0; i < MAJORITY.timeoutTicks(); i++) {
            node.tick();
        }
        assertThat(node.ready().completions()).hasSize(1);

        node.write(8, "x", JsonValue.of("again"), 0);
        List<Query> queries = sent(node.ready(), Query.class);
        node.step(reply(queries.get(1), N2, Versioned.NONE));
        node.step(reply(queries.get(2), N3, Versioned.NONE));

        assertThat(sent(node.ready(), Store.class).get(0).proposed().version())
                .isGreaterThan(first.get(0).proposed().version());
    }

    @Test
    void two_concurrent_writes_from_one_coordinator_get_different_versions() {
        QuorumNode node = node(MAJORITY);
        node.write(1, "x", JsonValue.of("a"), 0);
        node.write(2, "x", JsonValue.of("b"), 0);
        List<Query> queries = sent(node.ready(), Query.class);
        for (Query q : queries) { // both writes hear n1 and n2, which hold nothing yet
            if (!q.to().equals(N3)) {
                node.step(reply(q, q.to(), Versioned.NONE));
            }
        }

        assertThat(sent(node.ready(), Store.class))
                .extracting(s -> s.proposed().version())
                .as("the second write sees the first one's version on this node's own replica")
                .containsOnly(new Version(1, N1), new Version(2, N1));
    }

    @Test
    void replies_to_a_previous_life_do_not_count_in_the_next() {
        QuorumNode before = node(MAJORITY);
        List<Store> old = queried(before, Versioned.NONE);
        QuorumNode after = new QuorumNode(N1, ALL, MAJORITY, before.replicaState(), 1);

        List<Store> stores = queried(after, Versioned.NONE);
        assertThat(stores.get(0).op()).isNotEqualTo(old.get(0).op());
        after.step(ack(old.get(1), N2));
        after.step(ack(old.get(2), N3));
        assertThat(after.ready().completions()).isEmpty();
    }

    @Test
    void with_wall_clock_versions_a_write_skips_the_query_and_uses_the_given_wall_time() {
        QuorumNode node = node(MAJORITY.withWallClockVersions(true));

        node.write(7, "x", JsonValue.of("lww"), 1_700_000_000_123L);

        List<Store> stores = sent(node.ready(), Store.class);
        assertThat(stores).hasSize(3);
        assertThat(stores.get(0).proposed().version()).isEqualTo(new Version(1_700_000_000_123L, N1));
    }

    @Test
    void quorums_larger_than_the_cluster_and_duplicate_requests_are_rejected() {
        assertThatThrownBy(() -> node(MAJORITY.withQuorums(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not exceed the 3 replicas");
        assertThatThrownBy(() -> new QuorumNode(N1, List.of(N2, N3), MAJORITY, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QuorumOptions(2, 2, true, false, 0, 60))
                .isInstanceOf(IllegalArgumentException.class);
        QuorumNode node = node(MAJORITY);
        node.read(1, "x");
        assertThatThrownBy(() -> node.read(1, "y")).hasMessageContaining("already in flight");
    }

    @Test
    void versions_order_by_counter_then_writer_and_zero_comes_first() {
        assertThat(new Version(2, N1)).isGreaterThan(new Version(1, N3));
        assertThat(new Version(2, N2)).isGreaterThan(new Version(2, N1));
        assertThat(Version.ZERO).isLessThan(new Version(1, NodeId.of("-")));
        assertThat(Version.NOBODY)
                .isLessThan(NodeId.of("-0"))
                .isLessThan(NodeId.of("."))
                .isLessThan(N1);
        assertThatThrownBy(() -> new Version(0, N1)).isInstanceOf(IllegalArgumentException.class);
    }
}
