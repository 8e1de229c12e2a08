package io.faultline.checkers.linear.model;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import io.faultline.checkers.linear.Partition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Knossos's multi-register: {@code txn} operations whose value is a list of micro-ops {@code [:read k v]} and
 * {@code [:write k v]} (also {@code :r} and {@code :w}), applied atomically in order. For an ok txn the completion's
 * reads must match; for a txn of unknown outcome the reads are unconstrained and the writes may take effect later.
 * Partitioned into groups of keys that txns touch together.
 *
 * <p>The initial value is either a map of keys to values ({@code {:x 0 :y 0}}, as Knossos's {@code (multi-register
 * {:x 0 :y 0})}; a key it leaves out starts nil) or one value every key starts with (Faultline's extension; nil by
 * default). With {@link Semantics#JEPSEN} a read micro-op of nil is always legal, as Knossos's step function has
 * it; with {@link Semantics#PORCUPINE} it is a read of nil.
 */
public final class MultiRegisterModel implements Model<KeyedState, MultiRegisterModel.Call> {

    /** One micro-op; {@code checked} says whether a read's value must match. */
    public record Micro(boolean write, Object key, Object value, boolean checked) {}

    /** A compiled txn. */
    public record Call(List<Micro> micros) {}

    private final Object initial;
    private final @Nullable Map<Object, Object> initialByKey;
    private final Semantics semantics;

    /** A multi-register with Porcupine's meaning of nil reads (a read of nil), as Faultline's journal has it. */
    public MultiRegisterModel(@Nullable Object initial) {
        this(initial, Semantics.PORCUPINE);
    }

    /**
     * @param initial a map of keys to initial values, or the value of every key; null for nil
     * @param semantics whether a nil read is a read of nil or learnt nothing
     */
    public MultiRegisterModel(@Nullable Object initial, Semantics semantics) {
        this.semantics = semantics;
        if (initial instanceof Map<?, ?> byKey) {
            Map<Object, Object> m = new HashMap<>();
            byKey.forEach((k, v) -> m.put(Nil.wrap(Values.normal(k)), Nil.wrap(Values.normal(v))));
            this.initialByKey = Map.copyOf(m);
            this.initial = Nil.NIL;
        } else {
            this.initialByKey = null;
            this.initial = Nil.wrap(Values.normal(initial));
        }
    }

    private Object initialOf(Object key) {
        return initialByKey == null ? initial : initialByKey.getOrDefault(key, Nil.NIL);
    }

    @Override
    public String name() {
        return "multi-register";
    }

    @Override
    public KeyedState init() {
        return KeyedState.EMPTY;
    }

    @Override
    public @Nullable Call call(Operation op) {
        if (!op.f().equals("txn")) {
            throw new ModelMismatchException(name(), op, "f txn");
        }
        if (op.outcome() == Operation.Outcome.FAIL) {
            return null;
        }
        boolean ok = op.outcome() == Operation.Outcome.OK;
        List<?> invoked = micros(op, op.input());
        List<?> seen = ok && op.output() instanceof List<?> out && out.size() == invoked.size() ? out : invoked;
        List<Micro> micros = new ArrayList<>(seen.size());
        for (Object m : seen) {
            if (!(m instanceof List<?> t) || t.size() != 3) {
                throw new ModelMismatchException(name(), op, "micro-ops of the form [:read k v] or [:write k v]");
            }
            String f = Values.name(t.get(0));
            boolean write;
            if ("write".equals(f) || "w".equals(f)) {
                write = true;
            } else if ("read".equals(f) || "r".equals(f)) {
                write = false;
            } else {
                throw new ModelMismatchException(
                        name(), op, "micro-op :read or :write, not " + EdnWriter.write(t.get(0)));
            }
            Object v = Values.normal(t.get(2));
            boolean checked = ok && (write || v != null || semantics.nilReadIsAValue());
            micros.add(new Micro(write, Nil.wrap(Values.normal(t.get(1))), Nil.wrap(v), checked));
        }
        return new Call(List.copyOf(micros));
    }

    private List<?> micros(Operation op, @Nullable Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw new ModelMismatchException(name(), op, "a txn value that is a list of micro-ops");
    }

    @Override
    public @Nullable KeyedState step(KeyedState state, Call call) {
        KeyedState s = state;
        for (Micro m : call.micros()) {
            if (m.write()) {
                s = s.with(m.key(), m.value(), initialOf(m.key()));
            } else if (m.checked() && !s.get(m.key(), initialOf(m.key())).equals(m.value())) {
                return null;
            }
        }
        return s;
    }

    @Override
    public List<Partition> partition(List<Operation> operations) {
        Map<Object, Object> parent = new HashMap<>();
        List<List<Object>> keysOf = new ArrayList<>(operations.size());
        for (Operation op : operations) {
            List<Object> keys = new ArrayList<>();
            for (Object m : micros(op, op.input())) {
                if (m instanceof List<?> t && t.size() == 3) {
                    keys.add(Nil.wrap(Values.normal(t.get(1))));
                }
            }
            keysOf.add(keys);
            for (Object k : keys) {
                parent.putIfAbsent(k, k);
                union(parent, keys.get(0), k);
            }
        }
        Map<Object, List<Operation>> groups = new LinkedHashMap<>();
        Map<Object, TreeSet<String>> labels = new HashMap<>();
        for (int i = 0; i < operations.size(); i++) {
            List<Object> keys = keysOf.get(i);
            Object root = keys.isEmpty() ? Nil.NIL : find(parent, keys.get(0));
            groups.computeIfAbsent(root, r -> new ArrayList<>()).add(operations.get(i));
            TreeSet<String> label = labels.computeIfAbsent(root, r -> new TreeSet<>());
            keys.forEach(k -> label.add(Nil.show(k)));
        }
        List<Partition> parts = new ArrayList<>(groups.size());
        groups.forEach((root, ops) -> parts.add(new Partition(String.join(" ", labels.get(root)), ops)));
        return parts;
    }

    private static Object find(Map<Object, Object> parent, Object k) {
        Object p = parent.get(k);
        while (!p.equals(k)) {
            Object gp = parent.get(p);
            parent.put(k, gp);
            k = p;
            p = gp;
        }
        return k;
    }

    private static void union(Map<Object, Object> parent, Object a, Object b) {
        Object ra = find(parent, a);
        Object rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }

    @Override
    public String describeCall(Call call) {
        StringBuilder sb = new StringBuilder("txn [");
        for (Micro m : call.micros()) {
            sb.append(sb.length() > 5 ? " " : "")
                    .append('[')
                    .append(m.write() ? "write " : m.checked() ? "read " : "read? ")
                    .append(Nil.show(m.key()))
                    .append(' ')
                    .append(m.checked() || m.write() ? Nil.show(m.value()) : "_")
                    .append(']');
        }
        return sb.append(']').toString();
    }

    @Override
    public String describeState(KeyedState state) {
        return state.toString();
    }
}
