package io.faultline.sut.raft;

import java.util.Random;

/** A follower's election timeout, drawn anew from [min, max) ticks each time it is reset, from a seeded random. */
final class ElectionTimeout {

    private final RaftOptions options;
    private final Random random;
    private int ticks;

    ElectionTimeout(RaftOptions options, Random random) {
        this.options = options;
        this.random = random;
        reset();
    }

    void reset() {
        ticks = options.electionTicksMin() + random.nextInt(options.electionTicksMax() - options.electionTicksMin());
    }

    int ticks() {
        return ticks;
    }
}
