package io.faultline.sut.raft;

/**
 * Timing and limits of the Raft core, in ticks (the driver decides how long a tick is).
 *
 * @param electionTicksMin a follower that hears no leader for a random time in [min, max) starts an election
 * @param heartbeatTicks the leader asserts itself this often
 * @param maxBatch at most this many entries in one AppendEntries
 * @param maxInflight at most this many AppendEntries with entries unacknowledged per follower (pipelining)
 * @param checkQuorum a leader that hears from no majority during an election timeout steps down
 * @param preVote a follower whose timeout expires first asks whether a majority would vote for it, and stands only
 *     then, so that a node cut off for a while does not depose a working leader when it comes back
 */
public record RaftOptions(
        int electionTicksMin,
        int electionTicksMax,
        int heartbeatTicks,
        int maxBatch,
        int maxInflight,
        boolean checkQuorum,
        boolean preVote) {

    public static final RaftOptions DEFAULT = new RaftOptions(10, 20, 2, 256, 8, true, true);

    public RaftOptions {
        if (heartbeatTicks < 1 || electionTicksMin <= heartbeatTicks || electionTicksMax <= electionTicksMin) {
            throw new IllegalArgumentException("need 1 <= heartbeat < election min < election max, got heartbeat "
                    + heartbeatTicks + ", election [" + electionTicksMin + ", " + electionTicksMax + ")");
        }
        if (maxBatch < 1 || maxInflight < 1) {
            throw new IllegalArgumentException("maxBatch and maxInflight must be positive");
        }
    }

    public RaftOptions withCheckQuorum(boolean enabled) {
        return new RaftOptions(
                electionTicksMin, electionTicksMax, heartbeatTicks, maxBatch, maxInflight, enabled, preVote);
    }
}
