package io.faultline.checkers.linear.model;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A single register: {@code read} returns the value, {@code write v} sets it and, in the cas variant, {@code cas
 * [from to]} sets it to {@code to} if it holds {@code from}.
 *
 * <p>Failed reads and writes are left out (they did not happen). What a failed cas and a read of nil mean depends on
 * the {@link Semantics}: with {@link Semantics#PORCUPINE} (Porcupine's etcd logs, Faultline's journal) a failed cas
 * is kept, the compare did not match, so the register did not hold {@code from} at that point, and a read of nil
 * is a read of the value nil; with {@link Semantics#JEPSEN} (Knossos's {@code register} and {@code cas-register}) a
 * failed cas did not happen and is left out, and a read of nil learnt nothing and is left out too. Reads with an
 * unknown outcome are left out; writes and cas with an unknown outcome may take effect at any later time.
 */
public final class RegisterModel implements Model<Object, RegisterModel.Call> {

    /** A compiled register operation; {@code a} and {@code b} are already normalised values. */
    public record Call(
            Kind kind, @Nullable Object a, @Nullable Object b) {}

    public enum Kind {
        /** An ok read of {@code a}. */
        READ,
        /** A write of {@code a}. */
        WRITE,
        /** An ok cas from {@code a} to {@code b}: the register held {@code a}. */
        CAS_OK,
        /** A failed cas: the register did not hold {@code a}. */
        CAS_FAILED,
        /** A cas of unknown outcome: if it holds {@code a} it may become {@code b}. */
        CAS_MAYBE
    }

    private final boolean cas;
    private final Object initial;
    private final Semantics semantics;

    /** A register with Porcupine's meaning of a failed cas and a nil read, as Faultline's journal has them. */
    public RegisterModel(boolean cas, @Nullable Object initial) {
        this(cas, initial, Semantics.PORCUPINE);
    }

    /**
     * @param cas whether cas operations are allowed ({@code cas-register}) or not ({@code register})
     * @param initial the value before any write; null for nil (Knossos's {@code (cas-register)}; {@code
     *     (cas-register 0)} is 0)
     * @param semantics what a failed cas and a read of nil mean
     */
    public RegisterModel(boolean cas, @Nullable Object initial, Semantics semantics) {
        this.cas = cas;
        this.initial = Nil.wrap(Values.normal(initial));
        this.semantics = semantics;
    }

    @Override
    public String name() {
        return cas ? "cas-register" : "register";
    }

    @Override
    public Object init() {
        return initial;
    }

    @Override
    public @Nullable Call call(Operation op) {
        boolean ok = op.outcome() == Operation.Outcome.OK;
        boolean failed = op.outcome() == Operation.Outcome.FAIL;
        switch (op.f()) {
            case "read" -> {
                Object seen = Values.normal(op.output());
                return ok && (seen != null || semantics.nilReadIsAValue())
                        ? new Call(Kind.READ, Nil.wrap(seen), null)
                        : null;
            }
            case "write" -> {
                return failed ? null : new Call(Kind.WRITE, Nil.wrap(Values.normal(op.input())), null);
            }
            case "cas" -> {
                if (!cas) {
                    throw new ModelMismatchException(name(), op, "f read or write (use --model cas-register for cas)");
                }
                if (!(op.input() instanceof List<?> pair) || pair.size() != 2) {
                    throw new ModelMismatchException(name(), op, "a cas value [from to]");
                }
                if (failed && !semantics.failedCasConstrains()) {
                    return null;
                }
                Object from = Nil.wrap(Values.normal(pair.get(0)));
                Object to = Nil.wrap(Values.normal(pair.get(1)));
                Kind kind = ok ? Kind.CAS_OK : failed ? Kind.CAS_FAILED : Kind.CAS_MAYBE;
                return new Call(kind, from, to);
            }
            default -> throw new ModelMismatchException(name(), op, cas ? "f read, write or cas" : "f read or write");
        }
    }

    @Override
    public @Nullable Object step(Object state, Call call) {
        return switch (call.kind()) {
            case READ -> Objects.equals(state, call.a()) ? state : null;
            case WRITE -> call.a();
            case CAS_OK -> Objects.equals(state, call.a()) ? call.b() : null;
            case CAS_FAILED -> Objects.equals(state, call.a()) ? null : state;
            case CAS_MAYBE -> Objects.equals(state, call.a()) ? call.b() : state;
        };
    }

    /** A read and an ok cas need the value they saw; a write and a cas that may have happened set one value. */
    @Override
    public Assignments<Object, Call> assignments() {
        return new Assignments<>() {
            @Override
            public @Nullable Object requires(Call call) {
                return call.kind() == Kind.READ || call.kind() == Kind.CAS_OK ? call.a() : null;
            }

            @Override
            public @Nullable Object assigns(Call call) {
                return switch (call.kind()) {
                    case WRITE -> call.a();
                    case CAS_OK, CAS_MAYBE -> call.b();
                    case READ, CAS_FAILED -> null;
                };
            }
        };
    }

    @Override
    public String describeCall(Call call) {
        return switch (call.kind()) {
            case READ -> "read " + Nil.show(call.a());
            case WRITE -> "write " + Nil.show(call.a());
            case CAS_OK -> "cas " + Nil.show(call.a()) + " -> " + Nil.show(call.b());
            case CAS_FAILED -> "failed cas from " + Nil.show(call.a());
            case CAS_MAYBE -> "cas (unknown outcome) " + Nil.show(call.a()) + " -> " + Nil.show(call.b());
        };
    }

    @Override
    public String describeState(Object state) {
        return Nil.show(state);
    }
}
