package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Message.RequestVote;
import io.faultline.sut.raft.Message.VoteResponse;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The election side of a Raft member: its election timer, pre-votes (asking whether a majority would vote for it
 * before standing), standing as a candidate, and the votes it grants to others, with vote stickiness (a node that
 * heard from a leader within the minimum election timeout grants no vote). It tells its {@link RaftNode} when it
 * won through {@code onWin}.
 */
final class Elections {

    private final NodeId self;
    private final Storage storage;
    private final RaftOptions options;
    private final Membership membership;
    private final TermState state;
    private final List<Message> outbox;
    private final Runnable onWin;
    private final ElectionTimeout timeout;
    private final Ballot ballot;
    /** Ticks since this node last heard from its leader, granted a vote or stood (a leader: since its last check). */
    private int elapsed;

    Elections(
            NodeId self,
            Storage storage,
            RaftOptions options,
            Membership membership,
            TermState state,
            List<Message> outbox,
            Random random,
            Runnable onWin) {
        this.self = self;
        this.storage = storage;
        this.options = options;
        this.membership = membership;
        this.state = state;
        this.outbox = outbox;
        this.onWin = onWin;
        this.timeout = new ElectionTimeout(options, random);
        this.ballot = new Ballot(self);
    }

    /** Counts one tick; a node that does not lead stands (or asks first) once its timeout expires. */
    void tick(boolean leading) {
        elapsed++;
        if (!leading && elapsed >= timeout.ticks() && membership.current().contains(self)) {
            if (options.preVote()) {
                startPreVote();
            } else {
                startElection();
            }
        }
    }

    /** For a leader: whether a minimum election timeout has passed since its last quorum check (starts the next). */
    boolean quorumCheckDue() {
        if (elapsed >= options.electionTicksMin()) {
            elapsed = 0;
            return true;
        }
        return false;
    }

    /** Whether this node heard from a leader within the minimum election timeout, and so grants no vote. */
    boolean inLeaderLease() {
        return state.leader().isPresent() && elapsed < options.electionTicksMin();
    }

    /** The leader of the current term was heard: no election now. */
    void heardFromLeader() {
        ballot.close();
        elapsed = 0;
    }

    void becameLeader() {
        elapsed = 0;
    }

    /**
     * This node became a follower. Only a vote granted or a leader heard restarts a follower's election timer, so
     * that a candidate that cannot win (its log is behind) does not stop the others from standing; a leader that
     * steps down restarts it.
     */
    void becameFollower(boolean wasLeader) {
        ballot.close();
        if (wasLeader) {
            elapsed = 0;
            timeout.reset();
        }
    }

    /** Asks the members whether they would vote for this node in the next term, changing nothing yet. */
    private void startPreVote() {
        // a candidate whose election timed out asks again before standing again
        state.follow(Optional.empty());
        ballot.open(true);
        elapsed = 0;
        timeout.reset();
        if (hasVoteMajority()) {
            startElection();
            return;
        }
        LogIndex last = storage.lastIndex();
        for (NodeId peer : membership.current().ids()) {
            if (!peer.equals(self)) {
                outbox.add(new RequestVote(self, peer, state.term().next(), last, storage.termAt(last), true));
            }
        }
    }

    private void startElection() {
        state.standAsCandidate(self);
        ballot.open(false);
        elapsed = 0;
        timeout.reset();
        if (hasVoteMajority()) {
            onWin.run();
            return;
        }
        LogIndex last = storage.lastIndex();
        Term lastTerm = storage.termAt(last);
        for (NodeId peer : membership.current().ids()) {
            if (!peer.equals(self)) {
                outbox.add(new RequestVote(self, peer, state.term(), last, lastTerm, false));
            }
        }
    }

    void onRequestVote(RequestVote m) {
        Term term = state.term();
        if (m.preVote()) {
            boolean yes = m.term().isAfter(term)
                    && !inLeaderLease()
                    && Ballot.candidateIsUpToDate(storage, m.lastIndex(), m.lastTerm());
            outbox.add(new VoteResponse(self, m.from(), yes ? m.term() : term, yes, true));
            return;
        }
        boolean granted = false;
        Optional<NodeId> votedFor = state.votedFor();
        if (!m.term().isBefore(term)
                && (votedFor.isEmpty() || votedFor.get().equals(m.from()))
                && Ballot.candidateIsUpToDate(storage, m.lastIndex(), m.lastTerm())) {
            granted = true;
            if (votedFor.isEmpty()) {
                state.voteFor(m.from());
            }
            elapsed = 0;
        }
        outbox.add(new VoteResponse(self, m.from(), term, granted, false));
    }

    void onVoteResponse(VoteResponse m) {
        if (m.preVote()) {
            if (ballot.isOpenPreVote()
                    && state.role() == Role.FOLLOWER
                    && m.granted()
                    && m.term().equals(state.term().next())) {
                ballot.grant(m.from());
                if (hasVoteMajority()) {
                    startElection();
                }
            }
            return;
        }
        if (state.role() != Role.CANDIDATE || !m.term().equals(state.term()) || !m.granted()) {
            return;
        }
        ballot.grant(m.from());
        if (hasVoteMajority()) {
            onWin.run();
        }
    }

    private boolean hasVoteMajority() {
        return ballot.won(membership.current());
    }
}
