package io.faultline.sut.raft;

/** A Raft term: a logical epoch in which at most one leader is elected. */
public record Term(long value) implements Comparable<Term> {

    public static final Term ZERO = new Term(0);

    public Term {
        if (value < 0) {
            throw new IllegalArgumentException("a term is never negative, got " + value);
        }
    }

    public Term next() {
        return new Term(value + 1);
    }

    public boolean isAfter(Term other) {
        return value > other.value;
    }

    public boolean isBefore(Term other) {
        return value < other.value;
    }

    @Override
    public int compareTo(Term other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
