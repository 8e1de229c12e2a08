package io.faultline.sut.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.sut.node.NodeId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviours of one Raft node, each shown on a small cluster with a perfect network that can cut nodes off. */
class RaftNodeTest {

    /** Three nodes, every message delivered at once unless its sender or receiver is cut off. */
    private static final class Trio {
        final Map<NodeId, RaftNode> nodes = new LinkedHashMap<>();
        final Map<NodeId, MemoryStorage> disks = new LinkedHashMap<>();
        final Set<NodeId> cut = new HashSet<>();
        final List<Ready.ReadOutcome> reads = new ArrayList<>();

        Trio() {
            Map<NodeId, String> members = new LinkedHashMap<>();
            for (String id : List.of("n1", "n2", "n3")) {
                members.put(NodeId.of(id), "");
            }
            long seed = 1;
            for (NodeId id : members.keySet()) {
                MemoryStorage disk = MemoryStorage.empty();
                disks.put(id, disk);
                nodes.put(
                        id, new RaftNode(id, Configuration.of(members), disk, RaftOptions.DEFAULT, new Random(seed++)));
            }
        }

        RaftNode node(String id) {
            return nodes.get(NodeId.of(id));
        }

        /** Ticks one node until it starts an election, then lets every message settle. */
        void elect(String id) {
            RaftNode candidate = node(id);
            while (candidate.role() != Role.LEADER) {
                candidate.tick();
                settle();
            }
        }

        void settle() {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Map.Entry<NodeId, RaftNode> e : nodes.entrySet()) {
                    disks.get(e.getKey()).sync();
                    Ready ready = e.getValue().ready();
                    e.getValue().persisted(e.getValue().lastIndex());
                    reads.addAll(ready.reads());
                    List<Message> out = new ArrayList<>(ready.eager());
                    out.addAll(ready.messages());
                    for (Message m : out) {
                        if (!cut.contains(m.from()) && !cut.contains(m.to())) {
                            nodes.get(m.to()).step(m);
                            moved = true;
                        }
                    }
                    moved |= !ready.committed().isEmpty();
                }
            }
        }

        void tickAll(int ticks) {
            for (int i = 0; i < ticks; i++) {
                for (RaftNode n : nodes.values()) {
                    n.tick();
                }
                settle();
            }
        }
    }

    @Test
    void the_first_node_to_time_out_is_elected_and_commits_a_no_op_of_its_term() {
        Trio trio = new Trio();

        trio.elect("n1");
        LogIndex atLeader = trio.node("n1").commitIndex();
        LogIndex atFollowerBeforeHeartbeat = trio.node("n3").commitIndex();
        trio.tickAll(RaftOptions.DEFAULT.heartbeatTicks());

        assertThat(trio.node("n1").role()).as("n1").isEqualTo(Role.LEADER);
        assertThat(trio.node("n2").leader()).as("n2 knows its leader").contains(NodeId.of("n1"));
        assertThat(atLeader).as("the no-op, committed at the leader").isEqualTo(LogIndex.of(1));
        assertThat(atFollowerBeforeHeartbeat).as("followers learn it later").isEqualTo(LogIndex.ZERO);
        assertThat(trio.node("n3").commitIndex()).as("with the next heartbeat").isEqualTo(LogIndex.of(1));
    }

    @Test
    void a_follower_refuses_writes_and_names_the_leader() {
        Trio trio = new Trio();
        trio.elect("n1");

        assertThatThrownBy(() -> trio.node("n2").propose("x"))
                .isInstanceOf(NotLeaderException.class)
                .hasMessage("n2 is not the leader; the leader is n1");
    }

    @Test
    void a_node_whose_log_lacks_committed_entries_cannot_win_an_election() throws Exception {
        Trio trio = new Trio();
        trio.elect("n1");
        trio.cut.add(NodeId.of("n3"));
        trio.node("n1").propose("committed without n3");
        trio.settle();
        trio.cut.clear();
        trio.cut.add(NodeId.of("n1"));

        RaftNode n3 = trio.node("n3");
        for (int i = 0; i < 200 && trio.node("n2").role() != Role.LEADER; i++) {
            n3.tick();
            trio.node("n2").tick();
            trio.settle();
        }

        assertThat(n3.role()).as("n3, whose log is behind").isNotEqualTo(Role.LEADER);
        assertThat(trio.node("n2").role()).as("n2 eventually stands and wins").isEqualTo(Role.LEADER);
    }

    @Test
    void a_leader_cut_off_from_the_majority_steps_down_and_aborts_its_reads() throws Exception {
        Trio trio = new Trio();
        trio.elect("n1");
        trio.cut.add(NodeId.of("n2"));
        trio.cut.add(NodeId.of("n3"));
        RaftNode n1 = trio.node("n1");
        n1.requestRead(7);

        for (int i = 0; i < 2 * RaftOptions.DEFAULT.electionTicksMin() && n1.role() == Role.LEADER; i++) {
            n1.tick();
            trio.settle();
        }

        assertThat(n1.role()).as("n1 after two election timeouts alone").isEqualTo(Role.FOLLOWER);
        assertThat(trio.reads)
                .as("its pending read")
                .containsExactly(new Ready.ReadAborted(7, java.util.Optional.empty()));
    }

    @Test
    void a_read_is_confirmed_at_the_commit_index_once_a_majority_answers_a_new_round() throws Exception {
        Trio trio = new Trio();
        trio.elect("n1");
        trio.node("n1").propose("w");
        trio.settle();

        trio.node("n1").requestRead(1);
        trio.settle();

        assertThat(trio.reads).as("the read").containsExactly(new Ready.ReadConfirmed(1, LogIndex.of(2)));
    }

    @Test
    void a_membership_change_waits_for_the_previous_one_to_commit() throws Exception {
        Trio trio = new Trio();
        trio.elect("n1");
        trio.cut.add(NodeId.of("n2"));
        trio.cut.add(NodeId.of("n3"));
        RaftNode n1 = trio.node("n1");
        n1.proposeConfiguration(n1.configuration().with(NodeId.of("n4"), "h:4"));

        assertThatThrownBy(() -> n1.proposeConfiguration(n1.configuration().without(NodeId.of("n3"))))
                .isInstanceOf(ConfigChangeRejectedException.class)
                .hasMessage("the previous membership change (entry 2) is not committed yet: one change at a time");
        assertThat(n1.configuration().ids())
                .as("the first change is in force as soon as it is in the log")
                .contains(NodeId.of("n4"));
    }

    @Test
    void a_follower_behind_the_leaders_snapshot_is_caught_up_with_it() throws Exception {
        Trio trio = new Trio();
        trio.elect("n1");
        trio.cut.add(NodeId.of("n3"));
        RaftNode n1 = trio.node("n1");
        for (int i = 0; i < 5; i++) {
            n1.propose("c" + i);
        }
        trio.settle();
        n1.compact(n1.appliedIndex(), "state-at-6");
        trio.cut.clear();

        trio.tickAll(RaftOptions.DEFAULT.heartbeatTicks() * 2);

        RaftNode n3 = trio.node("n3");
        assertThat(trio.disks.get(NodeId.of("n3")).snapshot())
                .as("n3's snapshot")
                .hasValueSatisfying(s -> assertThat(s.data()).isEqualTo("state-at-6"));
        assertThat(n3.commitIndex()).as("n3 caught up").isEqualTo(n1.commitIndex());
    }

    @Test
    void a_node_cut_off_for_a_while_does_not_depose_the_leader_when_it_comes_back() {
        Trio trio = new Trio();
        trio.elect("n1");
        Term before = trio.node("n1").term();
        trio.cut.add(NodeId.of("n3"));
        trio.tickAll(RaftOptions.DEFAULT.electionTicksMax() * 5);
        Term n3WhileCut = trio.node("n3").term();

        trio.cut.clear();
        trio.tickAll(RaftOptions.DEFAULT.electionTicksMax());

        assertThat(n3WhileCut).as("n3 only asked (pre-vote), it never stood").isEqualTo(before);
        assertThat(trio.node("n1").role()).as("n1 after n3 is back").isEqualTo(Role.LEADER);
        assertThat(trio.node("n1").term()).as("no new term").isEqualTo(before);
        assertThat(trio.node("n3").leader()).as("n3 follows n1 again").contains(NodeId.of("n1"));
    }
}
