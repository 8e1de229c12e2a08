package io.faultline.sut.quorum;

/**
 * How a {@link QuorumNode} coordinates, with time in ticks (the driver decides how long a tick is). The correct
 * setting is {@link #majority(int)}; the others exist so that the harness has known bugs to find, each named as the
 * harness names it:
 *
 * <ul>
 *   <li>{@code writeBack = false} is the bug {@code no-write-back}: a read answers as soon as {@code r} replicas
 *       replied, without first storing what it saw on {@code w} of them. A read that saw a write still in progress
 *       on a minority can then be followed by a read that does not see it (a new/old inversion): not linearizable
 *       even with {@code r + w > n}.
 *   <li>{@code r + w <= n} is the bug {@code sloppy-r-w}: a read quorum need not meet the last write's quorum, so
 *       a read can miss a completed write (a stale read).
 *   <li>{@code wallClockVersions = true} is the bug {@code lww-wall-clock}: a write skips the query phase and
 *       versions its value with the writer's wall clock (last writer wins by timestamp). When clocks disagree, a
 *       write that completed later can carry a lower version than an earlier one and be lost.
 * </ul>
 *
 * @param r replies a query phase waits for (1 to the number of replicas, which the node checks)
 * @param w acknowledgements a store phase waits for (likewise)
 * @param writeBack a read stores the newest value it saw on {@code w} replicas before it answers
 * @param wallClockVersions a write's version is the driver's wall clock instead of one above the newest it queried
 * @param retryTicks every this many ticks, a phase's message is sent again to the replicas that have not answered
 * @param timeoutTicks an operation that has not completed after this many ticks is given up
 */
public record QuorumOptions(
        int r, int w, boolean writeBack, boolean wallClockVersions, int retryTicks, int timeoutTicks) {

    public QuorumOptions {
        if (r < 1 || w < 1) {
            throw new IllegalArgumentException("r and w must be at least 1, got r=" + r + ", w=" + w);
        }
        if (retryTicks < 1 || timeoutTicks < 1) {
            throw new IllegalArgumentException(
                    "retryTicks and timeoutTicks must be positive, got " + retryTicks + " and " + timeoutTicks);
        }
    }

    /** The correct setting for {@code replicas} nodes: majority quorums, write-back, counter versions. */
    public static QuorumOptions majority(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("need at least one replica, got " + replicas);
        }
        int quorum = replicas / 2 + 1;
        return new QuorumOptions(quorum, quorum, true, false, 4, 60);
    }

    public QuorumOptions withQuorums(int newR, int newW) {
        return new QuorumOptions(newR, newW, writeBack, wallClockVersions, retryTicks, timeoutTicks);
    }

    public QuorumOptions withWriteBack(boolean enabled) {
        return new QuorumOptions(r, w, enabled, wallClockVersions, retryTicks, timeoutTicks);
    }

    public QuorumOptions withWallClockVersions(boolean enabled) {
        return new QuorumOptions(r, w, writeBack, enabled, retryTicks, timeoutTicks);
    }

    /** Whether any read quorum meets any write quorum among {@code replicas} nodes. */
    public boolean quorumsIntersect(int replicas) {
        return r + w > replicas;
    }
}
