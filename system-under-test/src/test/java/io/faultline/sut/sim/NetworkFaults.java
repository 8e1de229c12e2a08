package io.faultline.sut.sim;

/**
 * How hostile a {@link SimulatedNetwork} is. A message is lost with chance {@code loss}, or else arrives after 1 to
 * {@code maxDelay} time units; one in {@code stallOneIn} messages (never, when 0) is instead held up for 0 to
 * {@code maxStall} units, long enough to reach a node that has restarted meanwhile. Every {@code chaosPeriod} units
 * the links are re-cut with chance {@code partitionRate}, and each node crashes (or, when down, restarts) with chance
 * {@code crashRate}. With {@code reachesRestarted}, a message in flight is delivered to whatever incarnation of its
 * node is up when it arrives; without, only to the incarnation it was sent to (as a connection would be reset).
 */
public record NetworkFaults(
        double loss,
        int maxDelay,
        int stallOneIn,
        int maxStall,
        double crashRate,
        double partitionRate,
        long chaosPeriod,
        boolean reachesRestarted) {

    /** Loss, delay, crashes and partitions, drawn for every time unit, without stalls; messages die with a node. */
    public static NetworkFaults of(double loss, int maxDelay, double crashRate, double partitionRate) {
        return new NetworkFaults(loss, maxDelay, 0, 0, crashRate, partitionRate, 1, false);
    }

    /** The same faults, with the chaos drawn every {@code period} time units instead. */
    public NetworkFaults chaosEvery(long period) {
        return new NetworkFaults(
                loss, maxDelay, stallOneIn, maxStall, crashRate, partitionRate, period, reachesRestarted);
    }

    /** The same faults, with one in {@code oneIn} messages held up for up to {@code max} time units. */
    public NetworkFaults withStalls(int oneIn, int max) {
        return new NetworkFaults(loss, maxDelay, oneIn, max, crashRate, partitionRate, chaosPeriod, reachesRestarted);
    }

    /** The same faults, with messages in flight delivered to a node's next incarnation too. */
    public NetworkFaults reachingRestartedNodes() {
        return new NetworkFaults(loss, maxDelay, stallOneIn, maxStall, crashRate, partitionRate, chaosPeriod, true);
    }
}
