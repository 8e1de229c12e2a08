package io.faultline.checkers.linear.model;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import org.jspecify.annotations.Nullable;

/** A lock: {@code acquire} succeeds only when it is free, {@code release} only when it is held. Starts free. */
public final class MutexModel implements Model<Boolean, MutexModel.Call> {

    /** A compiled mutex operation. */
    public enum Call {
        ACQUIRE,
        RELEASE
    }

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Boolean init() {
        return Boolean.FALSE;
    }

    @Override
    public @Nullable Call call(Operation op) {
        Call call = switch (op.f()) {
            case "acquire" -> Call.ACQUIRE;
            case "release" -> Call.RELEASE;
            default -> throw new ModelMismatchException(name(), op, "f acquire or release");
        };
        return op.outcome() == Operation.Outcome.FAIL ? null : call;
    }

    @Override
    public @Nullable Boolean step(Boolean held, Call call) {
        return switch (call) {
            case ACQUIRE -> held ? null : Boolean.TRUE;
            case RELEASE -> held ? Boolean.FALSE : null;
        };
    }

    @Override
    public String describeCall(Call call) {
        return call == Call.ACQUIRE ? "acquire" : "release";
    }

    @Override
    public String describeState(Boolean held) {
        return held ? "held" : "free";
    }
}
