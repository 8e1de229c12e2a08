package io.faultline.workloads.generator;

import java.util.SplittableRandom;

/**
 * The test's seeded randomness, in two streams: one for client ops and one for the nemesis, so that the fault
 * schedule does not depend on how many client ops happened to be drawn before it.
 */
public final class Randomness {

    private final long seed;
    private final SplittableRandom clients;
    private final SplittableRandom nemesis;

    public Randomness(long seed) {
        this.seed = seed;
        SplittableRandom root = new SplittableRandom(seed);
        this.clients = root.split();
        this.nemesis = root.split();
    }

    public long seed() {
        return seed;
    }

    /** The stream for ops given to this worker. */
    public SplittableRandom forWorker(Worker worker) {
        return worker instanceof Worker.Nemesis ? nemesis : clients;
    }

    /** The stream for choices not tied to one worker (which generator of a mix, which free client). */
    public SplittableRandom clients() {
        return clients;
    }

    public SplittableRandom nemesis() {
        return nemesis;
    }
}
