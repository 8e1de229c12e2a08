package io.faultline.sut.server;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Known-wrong behaviours a node can be started with ({@code --bug name[,name]}), so that Faultline can prove it
 * finds them. Off by default; {@code docs/store.md} gives the scenario that exposes each.
 */
public enum Bug {
    /** Every node answers reads from its own state, without asking the leader or a majority. */
    STALE_READS("raft"),
    /** Log writes stay in the process's memory for up to 5 s and are never fsynced, yet are acknowledged. */
    NO_FSYNC("raft"),
    /** The leader acknowledges a write once it is in its own log, before a majority has it. */
    ACK_BEFORE_COMMIT("raft"),
    /** A leader cut off from the majority neither steps down nor stops serving reads and writes on its own. */
    SPLIT_BRAIN("raft"),
    /** Leases for local reads are measured on the wall clock with no margin for drift or jumps. */
    LEASE_NO_CLOCK_BOUND("raft"),
    /** A quorum read answers with the newest version it saw without writing it back: new/old inversions. */
    NO_WRITE_BACK("quorum"),
    /** Reads and writes wait for one replica each (R = W = 1), so a read quorum may miss the last write. */
    SLOPPY_R_W("quorum"),
    /** A write's version is the coordinator's wall clock, not one above every version a quorum holds. */
    LWW_WALL_CLOCK("quorum");

    private final String engine;

    Bug(String engine) {
        this.engine = engine;
    }

    /** The engine this bug is a known-wrong mode of. */
    public String engine() {
        return engine;
    }

    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code stale-reads,no-fsync}; an empty text means no bug. */
    public static Set<Bug> parse(String spec) {
        Set<Bug> bugs = EnumSet.noneOf(Bug.class);
        for (String part : spec.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            Bug bug = Arrays.stream(values())
                    .filter(b -> b.flag().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--bug '" + name + "' is not one of "
                            + Arrays.stream(values()).map(Bug::flag).collect(Collectors.joining(", "))));
            bugs.add(bug);
        }
        return bugs;
    }
}
