package io.faultline.checkers.txn;

/**
 * Why one transaction must come before another in any serial order, as Adya's dependency graphs and Elle name it.
 * The declaration order is the preference when two transactions are related in several ways.
 */
public enum DependencyKind {
    /** Write-write: T1 appended an element and T2 appended the next one to the same key. */
    WW("ww"),
    /** Write-read: T2 read a list whose last element T1 appended. */
    WR("wr"),
    /** Read-write (anti-dependency): T1 read a list and T2 appended the element that came next. */
    RW("rw"),
    /** Process order: T1 and T2 ran on the same process, T1 first. */
    PROCESS("process"),
    /** Real-time order: T1 completed before T2 was invoked. */
    REALTIME("realtime");

    private final String label;

    DependencyKind(String label) {
        this.label = label;
    }

    /** As written in results: {@code ww}, {@code wr}, {@code rw}, {@code process}, {@code realtime}. */
    public String label() {
        return label;
    }

    /** This kind as a bit in an edge mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The bits of several kinds. */
    public static int mask(DependencyKind... kinds) {
        int m = 0;
        for (DependencyKind k : kinds) {
            m |= k.bit();
        }
        return m;
    }

    /** The preferred kind among the bits of {@code mask}. */
    public static DependencyKind first(int mask) {
        return values()[Integer.numberOfTrailingZeros(mask)];
    }
}
