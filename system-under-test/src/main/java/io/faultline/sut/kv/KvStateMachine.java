package io.faultline.sut.kv;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.json.JsonValue.JsonArray;
import io.faultline.sut.kv.Command.Append;
import io.faultline.sut.kv.Command.Cas;
import io.faultline.sut.kv.Command.CounterAdd;
import io.faultline.sut.kv.Command.MicroOp;
import io.faultline.sut.kv.Command.SetAdd;
import io.faultline.sut.kv.Command.Txn;
import io.faultline.sut.kv.Command.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The replicated data: registers, lists (for transactions), sets and counters, each in its own key space.
 * Deterministic: the same commands in the same order give the same state and outcomes on every node.
 */
public final class KvStateMachine {

    private final Map<String, JsonValue> registers = new HashMap<>();
    private final Map<String, List<JsonValue>> lists = new HashMap<>();
    private final Map<String, Set<JsonValue>> sets = new HashMap<>();
    private final Map<String, Long> counters = new HashMap<>();

    public Outcome apply(Command command) {
        return switch (command) {
            case Write w -> {
                registers.put(w.key(), w.value());
                yield new Outcome.Done(JsonValue.NULL);
            }
            case Cas c -> {
                JsonValue current = JsonValue.orNull(registers.get(c.key()));
                if (!current.equals(c.from())) {
                    yield new Outcome.CasMismatch(current);
                }
                registers.put(c.key(), c.to());
                yield new Outcome.Done(JsonValue.NULL);
            }
            case Txn t -> new Outcome.Done(applyTxn(t));
            case SetAdd s -> {
                sets.computeIfAbsent(s.key(), k -> new LinkedHashSet<>()).add(s.element());
                yield new Outcome.Done(JsonValue.NULL);
            }
            case CounterAdd c -> {
                counters.merge(c.key(), c.delta(), Long::sum);
                yield new Outcome.Done(JsonValue.NULL);
            }
        };
    }

    /** What {@link #apply(Command)} would answer, without changing anything. */
    public Outcome preview(Command command) {
        return switch (command) {
            case Cas c -> {
                JsonValue current = JsonValue.orNull(registers.get(c.key()));
                yield current.equals(c.from()) ? new Outcome.Done(JsonValue.NULL) : new Outcome.CasMismatch(current);
            }
            case Txn t -> {
                Map<String, List<JsonValue>> scratch = new HashMap<>();
                yield new Outcome.Done(txnResult(t, scratch));
            }
            default -> new Outcome.Done(JsonValue.NULL);
        };
    }

    public JsonValue query(Query query) {
        return switch (query) {
            case Query.ReadRegister r -> JsonValue.orNull(registers.get(r.key()));
            case Query.ReadSet r -> new JsonArray(new ArrayList<>(sets.getOrDefault(r.key(), Set.of())));
            case Query.ReadCounter r -> JsonValue.of(counters.getOrDefault(r.key(), 0L));
            case Query.ReadList r -> new JsonArray(lists.getOrDefault(r.key(), List.of()));
        };
    }

    /** The transaction's micro-operations with the values its reads saw, as [["append",k,v],["r",k,[...]]]. */
    private JsonValue applyTxn(Txn txn) {
        JsonValue result = txnResult(txn, lists);
        return result;
    }

    private JsonValue txnResult(Txn txn, Map<String, List<JsonValue>> target) {
        List<JsonValue> out = new ArrayList<>();
        for (MicroOp op : txn.ops()) {
            switch (op) {
                case Append a -> {
                    target.computeIfAbsent(a.key(), k -> new ArrayList<>(lists.getOrDefault(k, List.of())))
                            .add(a.value());
                    out.add(new JsonArray(List.of(JsonValue.of("append"), JsonValue.of(a.key()), a.value())));
                }
                case Command.ReadList r -> {
                    List<JsonValue> seen =
                            target.containsKey(r.key()) ? target.get(r.key()) : lists.getOrDefault(r.key(), List.of());
                    out.add(new JsonArray(List.of(JsonValue.of("r"), JsonValue.of(r.key()), new JsonArray(seen))));
                }
            }
        }
        return new JsonArray(out);
    }
}
