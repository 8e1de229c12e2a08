package io.faultline.sut.raft;

import io.faultline.sut.raft.Message.AppendEntries;
import io.faultline.sut.raft.Message.AppendResponse;
import io.faultline.sut.raft.Message.RequestVote;
import io.faultline.sut.raft.Message.VoteResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One Raft member as a deterministic state machine without I/O: it is driven by {@link #tick()},
 * {@link #step(Message)}, {@link #propose(String)} and {@link #requestRead(long)}, writes through its
 * {@link Storage}, and hands what must happen next to its driver through {@link #ready()}.
 *
 * <p>The driver must sync the storage before it sends the messages or acts on anything a {@link Ready} holds, so
 * that no vote, acknowledgement or client answer ever precedes the durable write it depends on. Not thread-safe:
 * one thread owns a node.
 */
public final class RaftNode {

    private final NodeId self;
    private final SortedSet<NodeId> peers;
    private final Storage storage;
    private final RaftOptions options;
    private final Random random;

    private Role role = Role.FOLLOWER;
    private Term term;
    private Optional<NodeId> votedFor;
    private Optional<NodeId> leader = Optional.empty();
    private LogIndex commitIndex = LogIndex.ZERO;
    private LogIndex applied = LogIndex.ZERO;

    private int electionElapsed;
    private int electionTimeout;
    private int heartbeatElapsed;
    private final Set<NodeId> votes = new HashSet<>();

    private final Map<NodeId, Progress> progress = new LinkedHashMap<>();
    private final ReadIndexQueue reads = new ReadIndexQueue();
    private LogIndex termStart = LogIndex.ZERO;
    private long seq;
    private boolean quorumContact;
    private boolean readRoundWanted;

    private final List<Message> outbox = new ArrayList<>();

    public RaftNode(NodeId self, Set<NodeId> peers, Storage storage, RaftOptions options, Random random) {
        if (peers.contains(self)) {
            throw new IllegalArgumentException("node " + self + " must not list itself among its peers");
        }
        this.self = self;
        this.peers = new TreeSet<>(peers);
        this.storage = storage;
        this.options = options;
        this.random = random;
        HardState hard = storage.hardState();
        this.term = hard.term();
        this.votedFor = hard.votedFor();
        resetElectionTimer();
    }

    // ---- inputs -------------------------------------------------------------------------------------------

    /** Advances this node's clock by one tick. */
    public void tick() {
        if (role == Role.LEADER) {
            heartbeatElapsed++;
            electionElapsed++;
            if (electionElapsed >= options.electionTicksMin()) {
                electionElapsed = 0;
                quorumContact = quorumActive();
                if (!quorumContact && options.checkQuorum()) {
                    becomeFollower(term, Optional.empty());
                    return;
                }
            }
            if (heartbeatElapsed >= options.heartbeatTicks()) {
                heartbeatElapsed = 0;
                broadcastHeartbeat();
            }
        } else {
            electionElapsed++;
            if (electionElapsed >= electionTimeout) {
                startElection();
            }
        }
    }

    /** Handles one message from a peer. Messages for other nodes or from unknown nodes are dropped. */
    public void step(Message message) {
        if (!message.to().equals(self) || !peers.contains(message.from())) {
            return;
        }
        if (message.term().isAfter(term)) {
            if (message instanceof RequestVote && inLeaderLease()) {
                return; // a current leader exists: a disruptive candidate must not depose it
            }
            Optional<NodeId> newLeader =
                    message instanceof AppendEntries ? Optional.of(message.from()) : Optional.empty();
            becomeFollower(message.term(), newLeader);
        }
        switch (message) {
            case RequestVote m -> onRequestVote(m);
            case VoteResponse m -> onVoteResponse(m);
            case AppendEntries m -> onAppendEntries(m);
            case AppendResponse m -> onAppendResponse(m);
        }
    }

    /** Appends a command to the leader's log and returns its entry; it is committed once a majority stores it. */
    public LogEntry propose(String command) throws NotLeaderException {
        if (role != Role.LEADER) {
            throw new NotLeaderException(self, leader);
        }
        LogEntry entry = new LogEntry(term, storage.lastIndex().next(), command);
        storage.append(entry);
        if (peers.isEmpty()) {
            advanceCommit();
        }
        return entry;
    }

    /**
     * Starts a linearizable read (ReadIndex): once a majority confirms this node is still the leader, a
     * {@link Ready.ReadConfirmed} names the index the state machine must reach before the read is served.
     */
    public void requestRead(long id) throws NotLeaderException {
        if (role != Role.LEADER) {
            throw new NotLeaderException(self, leader);
        }
        reads.add(id, LogIndex.max(commitIndex, termStart), seq + 1);
        readRoundWanted = true;
    }

    /** Takes what the driver must do now: sync storage, then send, apply and answer. */
    public Ready ready() {
        if (role == Role.LEADER && readRoundWanted) {
            broadcastHeartbeat();
            if (peers.isEmpty()) {
                reads.confirmUpTo(seq);
            }
        }
        readRoundWanted = false;
        if (role == Role.LEADER) {
            for (NodeId peer : peers) {
                Progress p = progress.get(peer);
                while (p.inflight < options.maxInflight() && !p.next.isAfter(storage.lastIndex())) {
                    sendAppend(peer, p, options.maxBatch());
                }
            }
        }
        List<LogEntry> committed = new ArrayList<>();
        while (applied.isBefore(commitIndex)) {
            int max = (int) Math.min(options.maxBatch(), commitIndex.value() - applied.value());
            List<LogEntry> batch = storage.entries(applied.next(), max);
            committed.addAll(batch);
            applied = batch.getLast().index();
        }
        Ready ready = new Ready(outbox, committed, reads.drain());
        outbox.clear();
        return ready;
    }

    // ---- elections ----------------------------------------------------------------------------------------

    private void startElection() {
        role = Role.CANDIDATE;
        term = term.next();
        votedFor = Optional.of(self);
        leader = Optional.empty();
        storage.saveHardState(new HardState(term, votedFor));
        votes.clear();
        votes.add(self);
        electionElapsed = 0;
        resetElectionTimer();
        if (votes.size() >= majority()) {
            becomeLeader();
            return;
        }
        LogIndex last = storage.lastIndex();
        Term lastTerm = storage.termAt(last);
        for (NodeId peer : peers) {
            outbox.add(new RequestVote(self, peer, term, last, lastTerm));
        }
    }

    private void onRequestVote(RequestVote m) {
        boolean granted = false;
        if (!m.term().isBefore(term)
                && (votedFor.isEmpty() || votedFor.get().equals(m.from()))
                && logIsUpToDate(m.lastIndex(), m.lastTerm())) {
            granted = true;
            if (votedFor.isEmpty()) {
                votedFor = Optional.of(m.from());
                storage.saveHardState(new HardState(term, votedFor));
            }
            electionElapsed = 0;
        }
        outbox.add(new VoteResponse(self, m.from(), term, granted));
    }

    private boolean logIsUpToDate(LogIndex lastIndex, Term lastTerm) {
        LogIndex myLast = storage.lastIndex();
        Term myLastTerm = storage.termAt(myLast);
        return lastTerm.isAfter(myLastTerm) || (lastTerm.equals(myLastTerm) && !lastIndex.isBefore(myLast));
    }

    private void onVoteResponse(VoteResponse m) {
        if (role != Role.CANDIDATE || !m.term().equals(term) || !m.granted()) {
            return;
        }
        votes.add(m.from());
        if (votes.size() >= majority()) {
            becomeLeader();
        }
    }

    private void becomeLeader() {
        role = Role.LEADER;
        quorumContact = true;
        leader = Optional.of(self);
        heartbeatElapsed = 0;
        electionElapsed = 0;
        progress.clear();
        LogIndex next = storage.lastIndex().next();
        for (NodeId peer : peers) {
            progress.put(peer, new Progress(next));
        }
        termStart = next;
        storage.append(new LogEntry(term, next, ""));
        if (peers.isEmpty()) {
            advanceCommit();
        }
    }

    private void becomeFollower(Term newTerm, Optional<NodeId> newLeader) {
        boolean wasLeader = role == Role.LEADER;
        if (newTerm.isAfter(term)) {
            term = newTerm;
            votedFor = Optional.empty();
            storage.saveHardState(new HardState(term, votedFor));
        }
        role = Role.FOLLOWER;
        leader = newLeader;
        if (wasLeader) {
            // Only a vote granted or a leader heard restarts a follower's election timer, so that a candidate
            // that cannot win (its log is behind) does not stop the others from standing.
            electionElapsed = 0;
            resetElectionTimer();
            progress.clear();
            reads.abortAll(leader);
        }
    }

    private boolean inLeaderLease() {
        return leader.isPresent() && electionElapsed < options.electionTicksMin();
    }

    private boolean quorumActive() {
        int active = 1;
        for (Progress p : progress.values()) {
            if (p.recentlyActive) {
                active++;
            }
            p.recentlyActive = false;
        }
        return active >= majority();
    }

    private void resetElectionTimer() {
        electionTimeout =
                options.electionTicksMin() + random.nextInt(options.electionTicksMax() - options.electionTicksMin());
    }

    private int majority() {
        return (peers.size() + 1) / 2 + 1;
    }

    // ---- replication --------------------------------------------------------------------------------------

    private void broadcastHeartbeat() {
        seq++;
        for (NodeId peer : peers) {
            Progress p = progress.get(peer);
            p.inflight = 0;
            sendAppend(peer, p, 0);
        }
    }

    /** Sends entries from the follower's next index (none when {@code max} is 0, a probe or heartbeat). */
    private void sendAppend(NodeId peer, Progress p, int max) {
        LogIndex prev = p.next.previous();
        List<LogEntry> entries = max == 0 ? List.of() : storage.entries(p.next, max);
        outbox.add(new AppendEntries(self, peer, term, prev, storage.termAt(prev), entries, commitIndex, seq));
        if (!entries.isEmpty()) {
            p.next = entries.getLast().index().next();
            p.inflight++;
        }
    }

    private void onAppendEntries(AppendEntries m) {
        if (m.term().isBefore(term)) {
            outbox.add(new AppendResponse(
                    self, m.from(), term, false, storage.lastIndex().next(), m.seq()));
            return;
        }
        if (role != Role.FOLLOWER || leader.isEmpty()) {
            becomeFollower(term, Optional.of(m.from()));
        }
        electionElapsed = 0;
        LogIndex last = storage.lastIndex();
        if (m.prevIndex().isAfter(last)) {
            outbox.add(new AppendResponse(self, m.from(), term, false, last.next(), m.seq()));
            return;
        }
        Term localPrevTerm = storage.termAt(m.prevIndex());
        if (!localPrevTerm.equals(m.prevTerm())) {
            outbox.add(new AppendResponse(self, m.from(), term, false, firstIndexOfTerm(m.prevIndex()), m.seq()));
            return;
        }
        for (LogEntry entry : m.entries()) {
            if (!entry.index().isAfter(storage.lastIndex())) {
                if (storage.termAt(entry.index()).equals(entry.term())) {
                    continue;
                }
                if (!entry.index().isAfter(commitIndex)) {
                    throw new IllegalStateException("leader " + m.from() + " would overwrite committed entry "
                            + entry.index() + " of " + self + ": committed entries must never change");
                }
                storage.truncateFrom(entry.index());
            }
            storage.append(entry);
        }
        LogIndex matched = m.prevIndex().plus(m.entries().size());
        LogIndex newCommit = LogIndex.min(m.leaderCommit(), matched);
        if (newCommit.isAfter(commitIndex)) {
            commitIndex = newCommit;
        }
        outbox.add(new AppendResponse(self, m.from(), term, true, matched, m.seq()));
    }

    /** The first index of the term of the entry at {@code index}, but never at or below the commit index. */
    private LogIndex firstIndexOfTerm(LogIndex index) {
        Term conflicting = storage.termAt(index);
        LogIndex i = index;
        while (i.isAfter(commitIndex.next()) && storage.termAt(i.previous()).equals(conflicting)) {
            i = i.previous();
        }
        return LogIndex.max(i, commitIndex.next());
    }

    private void onAppendResponse(AppendResponse m) {
        if (role != Role.LEADER || !m.term().equals(term)) {
            return;
        }
        Progress p = progress.get(m.from());
        p.recentlyActive = true;
        if (m.seq() > p.ackedSeq) {
            p.ackedSeq = m.seq();
            confirmReads();
        }
        if (m.success()) {
            if (m.index().isAfter(p.match)) {
                p.match = m.index();
                advanceCommit();
            }
            p.next = LogIndex.max(p.next, p.match.next());
            p.inflight = Math.max(0, p.inflight - 1);
        } else {
            p.next = LogIndex.max(
                    p.match.next(), LogIndex.min(m.index(), storage.lastIndex().next()));
            p.inflight = 0;
        }
    }

    private void advanceCommit() {
        List<LogIndex> matches = new ArrayList<>();
        matches.add(storage.lastIndex());
        for (Progress p : progress.values()) {
            matches.add(p.match);
        }
        matches.sort(null);
        LogIndex candidate = matches.get(matches.size() - majority());
        if (candidate.isAfter(commitIndex) && storage.termAt(candidate).equals(term)) {
            commitIndex = candidate;
        }
    }

    private void confirmReads() {
        reads.confirmUpTo(quorumAckedRound());
    }

    // ---- observation --------------------------------------------------------------------------------------

    public NodeId id() {
        return self;
    }

    public SortedSet<NodeId> peers() {
        return java.util.Collections.unmodifiableSortedSet(peers);
    }

    public Role role() {
        return role;
    }

    public Term term() {
        return term;
    }

    public Optional<NodeId> leader() {
        return leader;
    }

    public LogIndex commitIndex() {
        return commitIndex;
    }

    /** The last entry handed to the driver to apply. */
    public LogIndex appliedIndex() {
        return applied;
    }

    public LogIndex lastIndex() {
        return storage.lastIndex();
    }

    /** Whether this leader heard from a majority during its last election timeout (false for others). */
    public boolean hasQuorumContact() {
        return role == Role.LEADER && quorumContact;
    }

    /** The latest round of heartbeats this leader started; rounds number its AppendEntries. */
    public long currentRound() {
        return seq;
    }

    /** The latest round a majority (counting this leader) acknowledged in this term. */
    public long quorumAckedRound() {
        if (role != Role.LEADER) {
            return 0;
        }
        List<Long> acked = new ArrayList<>();
        acked.add(seq);
        for (Progress p : progress.values()) {
            acked.add(p.ackedSeq);
        }
        acked.sort(null);
        return acked.get(acked.size() - majority());
    }

    /** The first index of this leader's term: reads are safe once it is applied. */
    public LogIndex termStartIndex() {
        return termStart;
    }
}
