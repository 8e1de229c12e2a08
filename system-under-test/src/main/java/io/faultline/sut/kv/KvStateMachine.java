package io.faultline.sut.kv;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.json.JsonValue.JsonArray;
import io.faultline.sut.kv.Command.Append;
import io.faultline.sut.kv.Command.Cas;
import io.faultline.sut.kv.Command.CounterAdd;
import io.faultline.sut.kv.Command.GuardedWrite;
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
            case GuardedWrite g -> {
                JsonValue.JsonObject current = currentOf(g);
                if (!current.fields().equals(g.expect())) {
                    yield new Outcome.CasMismatch(current);
                }
                registers.putAll(g.writes());
                yield new Outcome.Done(JsonValue.NULL);
            }
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
            case GuardedWrite g -> {
                JsonValue.JsonObject current = currentOf(g);
                yield current.fields().equals(g.expect())
                        ? new Outcome.Done(JsonValue.NULL)
                        : new Outcome.CasMismatch(current);
            }
            case Txn t -> {
                Map<String, List<JsonValue>> scratch = new HashMap<>();
                yield new Outcome.Done(txnResult(t, scratch));
            }
            default -> new Outcome.Done(JsonValue.NULL);
        };
    }

    /** The whole state as JSON text, for a snapshot. */
    public String snapshot() {
        Map<String, JsonValue> f = new java.util.LinkedHashMap<>();
        f.put("registers", new JsonValue.JsonObject(registers));
        Map<String, JsonValue> l = new HashMap<>();
        lists.forEach((k, v) -> l.put(k, new JsonArray(v)));
        f.put("lists", new JsonValue.JsonObject(l));
        Map<String, JsonValue> s = new HashMap<>();
        sets.forEach((k, v) -> s.put(k, new JsonArray(new ArrayList<>(v))));
        f.put("sets", new JsonValue.JsonObject(s));
        Map<String, JsonValue> c = new HashMap<>();
        counters.forEach((k, v) -> c.put(k, JsonValue.of(v)));
        f.put("counters", new JsonValue.JsonObject(c));
        return new JsonValue.JsonObject(f).toString();
    }

    /** Replaces the whole state by a {@link #snapshot()} (empty text: the empty state). */
    public void restore(String snapshot) {
        registers.clear();
        lists.clear();
        sets.clear();
        counters.clear();
        if (snapshot.isEmpty()) {
            return;
        }
        JsonValue.JsonObject all = (JsonValue.JsonObject) JsonValue.parse(snapshot);
        ((JsonValue.JsonObject) all.require("registers")).fields().forEach(registers::put);
        ((JsonValue.JsonObject) all.require("lists"))
                .fields()
                .forEach((k, v) -> lists.put(k, new ArrayList<>(((JsonArray) v).items())));
        ((JsonValue.JsonObject) all.require("sets"))
                .fields()
                .forEach((k, v) -> sets.put(k, new LinkedHashSet<>(((JsonArray) v).items())));
        ((JsonValue.JsonObject) all.require("counters"))
                .fields()
                .forEach((k, v) -> counters.put(k, ((JsonValue.JsonNumber) v).longValue()));
    }

    public JsonValue query(Query query) {
        return switch (query) {
            case Query.ReadRegister r -> JsonValue.orNull(registers.get(r.key()));
            case Query.ReadRegisters r -> {
                Map<String, JsonValue> values = new java.util.LinkedHashMap<>();
                r.keys().forEach(k -> values.put(k, JsonValue.orNull(registers.get(k))));
                yield new JsonValue.JsonObject(values);
            }
            case Query.ReadSet r -> new JsonArray(new ArrayList<>(sets.getOrDefault(r.key(), Set.of())));
            case Query.ReadCounter r -> JsonValue.of(counters.getOrDefault(r.key(), 0L));
            case Query.ReadList r -> new JsonArray(lists.getOrDefault(r.key(), List.of()));
        };
    }

    /** What the guarded registers hold now, absent ones as null JSON. */
    private JsonValue.JsonObject currentOf(GuardedWrite g) {
        Map<String, JsonValue> current = new java.util.LinkedHashMap<>();
        g.expect().keySet().forEach(k -> current.put(k, JsonValue.orNull(registers.get(k))));
        return new JsonValue.JsonObject(current);
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
