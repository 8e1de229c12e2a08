package io.faultline.checkers.linear;

import io.faultline.checkers.history.Operation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A sequential specification that linearizability is judged against, in Porcupine's shape: a pure {@link #step}
 * from a state and a call to the next state. Implement it to check your own data type.
 *
 * <p>States must be immutable and non-null; by default they are compared with {@code equals} and hashed with
 * {@code hashCode} (override {@link #equal} and {@link #hash} otherwise). Calls are the model's own compiled view of
 * an {@link Operation}: what it asked for and, when known, what it observed.
 *
 * @param <S> the state type
 * @param <C> the call type
 */
public interface Model<S, C> {

    /** The model's name as used on the command line, e.g. {@code cas-register}. */
    String name();

    /** The state before any operation. Never null. */
    S init();

    /**
     * Compiles an operation into a call, or returns null when the operation neither changes the state nor constrains
     * it and can be left out (a failed write, a read whose result is unknown). Operations whose outcome is {@code
     * info} or pending may take effect at any later time or never: their call must not constrain the output.
     *
     * @throws ModelMismatchException when the operation is not one this model understands, naming what it expected
     */
    @Nullable
    C call(Operation op);

    /** The state after {@code call} is applied to {@code state}, or null when the call cannot happen there. */
    @Nullable
    S step(S state, C call);

    /**
     * Splits a history into independent parts that can be checked separately (P-compositionality), each with a key
     * for reports. The default is one part.
     */
    default List<Partition> partition(List<Operation> operations) {
        return List.of(new Partition("", operations));
    }

    default boolean equal(S a, S b) {
        return a.equals(b);
    }

    default int hash(S state) {
        return state.hashCode();
    }

    /** The call in words, e.g. {@code write 3}. */
    default String describeCall(C call) {
        return String.valueOf(call);
    }

    /** The state in words, e.g. {@code 3} or {@code {x 1, y 2}}. */
    default String describeState(S state) {
        return String.valueOf(state);
    }

    /**
     * What this model's calls need and set, when every call either leaves the state as it was or sets it to one
     * state whatever it was (a register); null (the default) for any other model. A search may use it to see early
     * that an operation can never happen: the state it needs is gone and nothing left can set it again.
     */
    default @Nullable Assignments<S, C> assignments() {
        return null;
    }

    /**
     * The needs and effects of a model's calls. The contract: {@code step(s, c)} is null, {@code s}, or {@link
     * #assigns assigns(c)}; and when {@link #requires requires(c)} is not null, {@code step(s, c)} is null for
     * every other state {@code s}.
     */
    interface Assignments<S, C> {
        /** The one state in which {@code call} can happen, or null when it can happen in more than one. */
        @Nullable
        S requires(C call);

        /** The state {@code call} sets when it changes the state, or null when it never does (a read). */
        @Nullable
        S assigns(C call);
    }
}
