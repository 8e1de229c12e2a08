package io.faultline.sut.raft;

/** A position in the replicated log; the first entry is at 1, and 0 means "before the first entry". */
public record LogIndex(long value) implements Comparable<LogIndex> {

    public static final LogIndex ZERO = new LogIndex(0);

    public LogIndex {
        if (value < 0) {
            throw new IllegalArgumentException("a log index is never negative, got " + value);
        }
    }

    public static LogIndex of(long value) {
        return new LogIndex(value);
    }

    public LogIndex next() {
        return new LogIndex(value + 1);
    }

    public LogIndex previous() {
        return new LogIndex(value - 1);
    }

    public LogIndex plus(long n) {
        return new LogIndex(value + n);
    }

    public boolean isAfter(LogIndex other) {
        return value > other.value;
    }

    public boolean isBefore(LogIndex other) {
        return value < other.value;
    }

    public static LogIndex max(LogIndex a, LogIndex b) {
        return a.value >= b.value ? a : b;
    }

    public static LogIndex min(LogIndex a, LogIndex b) {
        return a.value <= b.value ? a : b;
    }

    @Override
    public int compareTo(LogIndex other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
