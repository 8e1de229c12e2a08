package io.faultline.sut.kv;

import io.faultline.sut.json.JsonException;
import io.faultline.sut.json.JsonValue;
import io.faultline.sut.json.JsonValue.JsonArray;
import io.faultline.sut.json.JsonValue.JsonObject;
import io.faultline.sut.json.JsonValue.JsonString;
import io.faultline.sut.kv.Command.Append;
import io.faultline.sut.kv.Command.Cas;
import io.faultline.sut.kv.Command.CounterAdd;
import io.faultline.sut.kv.Command.GuardedWrite;
import io.faultline.sut.kv.Command.MicroOp;
import io.faultline.sut.kv.Command.ReadList;
import io.faultline.sut.kv.Command.SetAdd;
import io.faultline.sut.kv.Command.Txn;
import io.faultline.sut.kv.Command.Write;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Commands as the JSON text stored in Raft log entries, e.g. {@code {"op":"cas","key":"x","from":1,"to":2}}. */
public final class CommandCodec {

    private CommandCodec() {}

    public static String encode(Command command) {
        Map<String, JsonValue> f = new LinkedHashMap<>();
        switch (command) {
            case Write w -> {
                f.put("op", JsonValue.of("write"));
                f.put("key", JsonValue.of(w.key()));
                f.put("value", w.value());
            }
            case Cas c -> {
                f.put("op", JsonValue.of("cas"));
                f.put("key", JsonValue.of(c.key()));
                f.put("from", c.from());
                f.put("to", c.to());
            }
            case Txn t -> {
                f.put("op", JsonValue.of("txn"));
                f.put("ops", encodeMicroOps(t.ops()));
            }
            case GuardedWrite g -> {
                f.put("op", JsonValue.of("guarded-write"));
                f.put("if", new JsonObject(g.expect()));
                f.put("then", new JsonObject(g.writes()));
            }
            case SetAdd s -> {
                f.put("op", JsonValue.of("set-add"));
                f.put("key", JsonValue.of(s.key()));
                f.put("element", s.element());
            }
            case CounterAdd c -> {
                f.put("op", JsonValue.of("counter-add"));
                f.put("key", JsonValue.of(c.key()));
                f.put("delta", JsonValue.of(c.delta()));
            }
        }
        return new JsonObject(f).toString();
    }

    public static Command decode(String text) {
        if (!(JsonValue.parse(text) instanceof JsonObject o)) {
            throw new JsonException("a command is a JSON object");
        }
        String op = o.requireString("op");
        return switch (op) {
            case "write" -> new Write(o.requireString("key"), o.require("value"));
            case "cas" -> new Cas(o.requireString("key"), o.require("from"), o.require("to"));
            case "txn" -> new Txn(decodeMicroOps(o.require("ops")));
            case "guarded-write" -> guardedWrite(o);
            case "set-add" -> new SetAdd(o.requireString("key"), o.require("element"));
            case "counter-add" -> new CounterAdd(o.requireString("key"), o.requireLong("delta"));
            default -> throw new JsonException("unknown command op \"" + op + "\"");
        };
    }

    /** {@code {"if": {key: expected, ...}, "then": {key: new value, ...}}}, as stored and as clients send it. */
    public static GuardedWrite guardedWrite(JsonObject o) {
        if (!(o.require("if") instanceof JsonObject expect)) {
            throw new JsonException("\"if\" must be an object of key: expected value (null for an absent key)");
        }
        if (!(o.require("then") instanceof JsonObject writes) || writes.fields().isEmpty()) {
            throw new JsonException("\"then\" must be a non-empty object of key: new value");
        }
        return new GuardedWrite(expect.fields(), writes.fields());
    }

    /** Micro-operations as Jepsen writes them: {@code [["append","k",1],["r","k",null]]}. */
    public static JsonArray encodeMicroOps(List<MicroOp> ops) {
        List<JsonValue> out = new ArrayList<>();
        for (MicroOp op : ops) {
            out.add(
                    switch (op) {
                        case Append a ->
                            new JsonArray(List.of(JsonValue.of("append"), JsonValue.of(a.key()), a.value()));
                        case ReadList r ->
                            new JsonArray(List.of(JsonValue.of("r"), JsonValue.of(r.key()), JsonValue.NULL));
                    });
        }
        return new JsonArray(out);
    }

    public static List<MicroOp> decodeMicroOps(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            throw new JsonException("\"ops\" must be an array of [f, key, value] triples");
        }
        List<MicroOp> ops = new ArrayList<>();
        for (JsonValue item : array.items()) {
            if (!(item instanceof JsonArray triple)
                    || triple.items().size() < 2
                    || !(triple.items().get(0) instanceof JsonString f)
                    || !(triple.items().get(1) instanceof JsonString key)) {
                throw new JsonException(
                        "each micro-op must look like [\"append\", key, value] or [\"r\", key, null], got " + item);
            }
            ops.add(
                    switch (f.value()) {
                        case "append" -> {
                            if (triple.items().size() != 3) {
                                throw new JsonException("an append needs a value: " + item);
                            }
                            yield new Append(key.value(), triple.items().get(2));
                        }
                        case "r" -> new ReadList(key.value());
                        default -> throw new JsonException("micro-op must be \"append\" or \"r\", got " + f);
                    });
        }
        return ops;
    }
}
