package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Message.AppendEntries;
import io.faultline.sut.raft.Message.AppendResponse;
import io.faultline.sut.raft.Message.InstallSnapshot;
import io.faultline.sut.raft.Message.RequestVote;
import io.faultline.sut.raft.Message.VoteResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * One Raft member as a deterministic state machine without I/O: it is driven by {@link #tick()},
 * {@link #step(Message)}, {@link #propose(String)}, {@link #proposeConfiguration(Configuration)} and
 * {@link #requestRead(long)}, writes through its {@link Storage}, and hands what must happen next to its driver
 * through {@link #ready()}. Elections (timer, pre-votes, votes) live in {@link Elections}, a leader's view of its
 * followers in {@link Replication}, a follower's log checks in {@link FollowerLog}; this class ties them together,
 * commits, and serves ReadIndex reads.
 *
 * <p>The driver must sync the storage before it sends a {@link Ready}'s messages (other than its eager ones), so
 * that no vote or acknowledgement ever precedes the durable write it depends on. Committed entries and confirmed
 * reads do not depend on this node's unsynced writes (a leader counts its own log towards a majority only up to
 * what it synced), so the driver may apply and answer them before that sync. Not thread-safe: one thread owns a
 * node.
 */
public final class RaftNode {

    private final NodeId self;
    private final Storage storage;
    private final RaftOptions options;
    private final Membership membership;
    private final Replication replication;
    private final FollowerLog followerLog;
    private final ReadIndexQueue reads = new ReadIndexQueue();
    private final List<Message> outbox = new ArrayList<>();

    private final TermState state;
    private final Elections elections;
    private LogIndex commitIndex = LogIndex.ZERO;
    private LogIndex applied = LogIndex.ZERO;
    private LogIndex termStart = LogIndex.ZERO;

    private int heartbeatElapsed;
    private boolean quorumContact;
    private boolean readRoundWanted;
    private Optional<Snapshot> restored;
    private LogIndex durable;

    /**
     * @param initial the members until the log holds a configuration entry: the bootstrap cluster, or
     *     {@link Configuration#EMPTY} for a node that joins an existing cluster (it never stands for election
     *     until the leader's log makes it a member)
     */
    public RaftNode(NodeId self, Configuration initial, Storage storage, RaftOptions options, Random random) {
        this.self = self;
        this.storage = storage;
        this.options = options;
        this.membership = new Membership(initial, storage);
        this.state = new TermState(storage);
        this.elections = new Elections(self, storage, options, membership, state, outbox, random, this::becomeLeader);
        this.replication = new Replication(self, storage, options);
        this.followerLog =
                new FollowerLog(self, storage, membership, index -> durable = LogIndex.min(durable, index.previous()));
        this.durable = storage.lastIndex();
        this.restored = storage.snapshot();
        restored.ifPresent(s -> {
            commitIndex = s.index();
            applied = s.index();
        });
    }

    // ---- inputs -------------------------------------------------------------------------------------------

    /** Advances this node's clock by one tick. */
    public void tick() {
        boolean leading = state.role() == Role.LEADER;
        elections.tick(leading);
        if (!leading) {
            return;
        }
        heartbeatElapsed++;
        if (elections.quorumCheckDue()) {
            quorumContact = replication.quorumActiveSinceLastCheck(configuration());
            if (!quorumContact && options.checkQuorum()) {
                becomeFollower(state.term(), Optional.empty());
                return;
            }
        }
        if (heartbeatElapsed >= options.heartbeatTicks()) {
            heartbeatElapsed = 0;
            replication.heartbeat(state.term(), commitIndex, outbox);
        }
    }

    /** Handles one message from a peer. Messages addressed to other nodes are dropped. */
    public void step(Message message) {
        if (!message.to().equals(self) || message.from().equals(self)) {
            return;
        }
        boolean preVote = (message instanceof RequestVote r && r.preVote())
                || (message instanceof VoteResponse v && v.preVote() && v.granted());
        if (message.term().isAfter(state.term()) && !preVote) { // a pre-vote's term is only a question
            if (message instanceof RequestVote && elections.inLeaderLease()) {
                return; // a current leader exists: a disruptive candidate must not depose it
            }
            Optional<NodeId> newLeader =
                    message instanceof AppendEntries ? Optional.of(message.from()) : Optional.empty();
            becomeFollower(message.term(), newLeader);
        }
        switch (message) {
            case RequestVote m -> elections.onRequestVote(m);
            case VoteResponse m -> elections.onVoteResponse(m);
            case AppendEntries m -> onAppendEntries(m);
            case AppendResponse m -> onAppendResponse(m);
            case InstallSnapshot m -> onInstallSnapshot(m);
        }
    }

    /**
     * Tells the node that its storage is synced up to {@code index} (the last index it had before the sync): a
     * leader counts its own log towards a majority only that far, so that it may send entries before its own sync.
     */
    public void persisted(LogIndex index) {
        durable = LogIndex.max(durable, LogIndex.min(index, storage.lastIndex()));
        advanceCommit();
    }

    /**
     * Replaces the log up to {@code index} (which must be applied already) by a snapshot of the state machine
     * there, {@code data}. Durable when it returns.
     */
    public void compact(LogIndex index, String data) {
        if (index.isAfter(applied)) {
            throw new IllegalArgumentException(
                    "a snapshot at " + index + " would cover entries not applied yet (applied: " + applied + ")");
        }
        if (!index.isAfter(followerLog.snapshotIndex())) {
            return;
        }
        storage.installSnapshot(new Snapshot(index, storage.termAt(index), membership.at(index), data));
        membership.reload(storage);
    }

    /** Appends a command to the leader's log and returns its entry; it is committed once a majority stores it. */
    public LogEntry propose(String command) throws NotLeaderException {
        requireLeader();
        LogEntry entry = LogEntry.command(state.term(), storage.lastIndex().next(), command);
        append(entry);
        advanceCommit();
        return entry;
    }

    /**
     * Starts a single-server membership change: {@code next} must add or remove exactly one member. It is in force
     * as soon as it is appended; only one change may be uncommitted at a time.
     */
    public LogEntry proposeConfiguration(Configuration next) throws NotLeaderException, ConfigChangeRejectedException {
        requireLeader();
        if (commitIndex.isBefore(termStart)) {
            throw new ConfigChangeRejectedException(
                    "a new leader must commit an entry of its own term before changing the membership");
        }
        membership.checkChange(next, commitIndex);
        LogEntry entry = LogEntry.config(state.term(), storage.lastIndex().next(), next);
        append(entry);
        replication.reconfigure(next);
        advanceCommit();
        return entry;
    }

    /**
     * Starts a linearizable read (ReadIndex): once a majority confirms this node is still the leader, a
     * {@link Ready.ReadConfirmed} names the index the state machine must reach before the read is served.
     */
    public void requestRead(long id) throws NotLeaderException {
        requireLeader();
        reads.add(id, LogIndex.max(commitIndex, termStart), replication.round() + 1);
        readRoundWanted = true;
    }

    /** Takes what the driver must do now: sync storage, then send, apply and answer. */
    public Ready ready() {
        if (state.role() == Role.LEADER) {
            if (readRoundWanted) {
                replication.heartbeat(state.term(), commitIndex, outbox);
                confirmReads();
            }
            replication.replicate(state.term(), commitIndex, outbox);
        }
        readRoundWanted = false;
        List<LogEntry> committed = new ArrayList<>();
        while (applied.isBefore(commitIndex)) {
            int max = (int) Math.min(options.maxBatch(), commitIndex.value() - applied.value());
            List<LogEntry> batch = storage.entries(applied.next(), max);
            committed.addAll(batch);
            applied = batch.getLast().index();
        }
        List<Message> eager = new ArrayList<>();
        List<Message> afterSync = new ArrayList<>();
        for (Message m : outbox) {
            (m instanceof AppendEntries || m instanceof InstallSnapshot ? eager : afterSync).add(m);
        }
        Ready ready = new Ready(restored, eager, afterSync, committed, reads.drain());
        restored = Optional.empty();
        outbox.clear();
        return ready;
    }

    private void requireLeader() throws NotLeaderException {
        if (state.role() != Role.LEADER) {
            throw new NotLeaderException(self, state.leader());
        }
    }

    // ---- roles ------------------------------------------------------------------------------------------

    private void becomeLeader() {
        state.lead(self);
        quorumContact = true;
        heartbeatElapsed = 0;
        elections.becameLeader();
        replication.reset(configuration());
        termStart = storage.lastIndex().next();
        append(LogEntry.noop(state.term(), termStart));
        advanceCommit();
    }

    private void becomeFollower(Term newTerm, Optional<NodeId> newLeader) {
        boolean wasLeader = state.role() == Role.LEADER;
        if (newTerm.isAfter(state.term())) {
            state.adoptTerm(newTerm);
        }
        state.follow(newLeader);
        elections.becameFollower(wasLeader);
        if (wasLeader) {
            replication.clear();
            reads.abortAll(state.leader());
        }
    }

    // ---- replication --------------------------------------------------------------------------------------

    private void append(LogEntry entry) {
        followerLog.append(entry);
    }

    private void onAppendEntries(AppendEntries m) {
        if (!acceptLeader(m)) {
            return;
        }
        switch (followerLog.accept(m, commitIndex)) {
            case FollowerLog.Rejected r -> reply(m, false, r.retryFrom());
            case FollowerLog.Accepted a -> {
                LogIndex newCommit = LogIndex.min(m.leaderCommit(), a.matched());
                if (newCommit.isAfter(commitIndex)) {
                    commitIndex = newCommit;
                }
                reply(m, true, a.matched());
            }
        }
    }

    private void onInstallSnapshot(InstallSnapshot m) {
        if (!acceptLeader(m)) {
            return;
        }
        Snapshot s = m.snapshot();
        if (followerLog.install(s, commitIndex)) {
            commitIndex = s.index();
            applied = s.index();
            restored = Optional.of(s);
        }
        reply(m, true, s.index());
    }

    /** Whether the sender leads this node's term (it is then this node's leader); rejects it otherwise. */
    private boolean acceptLeader(Message m) {
        if (m.term().isBefore(state.term())) {
            reply(m, false, storage.lastIndex().next());
            return false;
        }
        if (state.role() != Role.FOLLOWER || state.leader().isEmpty()) {
            becomeFollower(state.term(), Optional.of(m.from()));
        }
        elections.heardFromLeader();
        return true;
    }

    private void reply(Message m, boolean success, LogIndex index) {
        long seq = switch (m) {
            case AppendEntries a -> a.seq();
            case InstallSnapshot i -> i.seq();
            default -> 0;
        };
        outbox.add(new AppendResponse(self, m.from(), state.term(), success, index, seq));
    }

    private void onAppendResponse(AppendResponse m) {
        if (state.role() != Role.LEADER || !m.term().equals(state.term())) {
            return;
        }
        if (replication.onResponse(m)) {
            advanceCommit();
        }
        confirmReads();
    }

    private void advanceCommit() {
        if (state.role() != Role.LEADER) {
            return;
        }
        LogIndex candidate = replication.quorumMatch(configuration(), LogIndex.min(durable, storage.lastIndex()));
        if (candidate.isAfter(commitIndex) && storage.termAt(candidate).equals(state.term())) {
            commitIndex = candidate;
        }
        if (!configuration().contains(self) && !membership.currentIndex().isAfter(commitIndex)) {
            becomeFollower(state.term(), Optional.empty()); // removed, and the removal is committed: hand over
        }
    }

    private void confirmReads() {
        if (state.role() != Role.LEADER) {
            return;
        }
        reads.confirmUpTo(replication.quorumAckedRound(configuration()));
    }

    // ---- observation --------------------------------------------------------------------------------------

    public NodeId id() {
        return self;
    }

    /** The membership in force: the latest configuration in the log, committed or not. */
    public Configuration configuration() {
        return membership.current();
    }

    public Role role() {
        return state.role();
    }

    public Term term() {
        return state.term();
    }

    public Optional<NodeId> leader() {
        return state.leader();
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
        return state.role() == Role.LEADER && quorumContact;
    }

    /** The latest round of heartbeats this leader started; rounds number its AppendEntries. */
    public long currentRound() {
        return replication.round();
    }

    /** The latest round a majority (counting this leader) acknowledged in this term. */
    public long quorumAckedRound() {
        return state.role() == Role.LEADER ? replication.quorumAckedRound(configuration()) : 0;
    }

    /** The first index of this leader's term: reads are safe once it is applied. */
    public LogIndex termStartIndex() {
        return termStart;
    }
}
