package io.faultline.checkers.linear.model;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Any model applied to each key of a multi-key history separately (Jepsen's "independent" checking): operations
 * carry their key in the {@code key} field, and each key's operations are checked against a fresh {@code inner}.
 * Operations without a key form their own part.
 */
public record PerKeyModel<S, C>(Model<S, C> inner) implements Model<S, C> {

    @Override
    public String name() {
        return inner.name() + " per key";
    }

    @Override
    public S init() {
        return inner.init();
    }

    @Override
    public @Nullable C call(Operation op) {
        return inner.call(op);
    }

    @Override
    public @Nullable S step(S state, C call) {
        return inner.step(state, call);
    }

    @Override
    public List<Partition> partition(List<Operation> operations) {
        Map<String, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation op : operations) {
            Object key = op.invocation().extra("key");
            byKey.computeIfAbsent(key == null ? "" : EdnWriter.write(key), k -> new ArrayList<>())
                    .add(op);
        }
        List<Partition> parts = new ArrayList<>(byKey.size());
        byKey.forEach((k, ops) -> parts.add(new Partition(k, ops)));
        return parts;
    }

    @Override
    public boolean equal(S a, S b) {
        return inner.equal(a, b);
    }

    @Override
    public int hash(S state) {
        return inner.hash(state);
    }

    @Override
    public String describeCall(C call) {
        return inner.describeCall(call);
    }

    @Override
    public String describeState(S state) {
        return inner.describeState(state);
    }

    @Override
    public @Nullable Assignments<S, C> assignments() {
        return inner.assignments();
    }
}
