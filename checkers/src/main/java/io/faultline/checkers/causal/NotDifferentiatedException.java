package io.faultline.checkers.causal;

/**
 * The history is not differentiated (some value written twice to a key, or the initial value written), so a read
 * does not say which write it observed: the polynomial bad-pattern checks do not apply.
 */
public final class NotDifferentiatedException extends RuntimeException {
    public NotDifferentiatedException(String what) {
        super("the history is not differentiated (each value written at most once per key, never the initial"
                + " value): " + what);
    }
}
