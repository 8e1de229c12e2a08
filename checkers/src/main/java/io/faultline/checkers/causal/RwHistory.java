package io.faultline.checkers.causal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.edn.Keyword;
import io.faultline.checkers.format.HistoryFormatException;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A read/write register history as sessions, each an ordered list of operations (the program order).
 *
 * @param sessions the sessions' names, in order
 * @param ops every operation, grouped by session in session order; {@link RwOp#id()} is the position here
 */
public record RwHistory(List<String> sessions, List<RwOp> ops) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RwHistory {
        sessions = List.copyOf(sessions);
        ops = List.copyOf(ops);
    }

    /**
     * Reads the session-to-ops JSON of Bouajjani et al.'s examples: {@code {"a": [["wr","x",1], ["rd","x",null]], ...}}.
     *
     * @throws HistoryFormatException naming the file and the rule the content breaks
     */
    public static RwHistory readSessions(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new HistoryFormatException(file.toString(), 0, "cannot read the file: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new HistoryFormatException(
                    file.toString(), 0, "expected a JSON object of session -> [[\"wr\"|\"rd\", key, value], ...]");
        }
        List<String> names = new ArrayList<>();
        List<RwOp> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> session = it.next();
            if (!session.getValue().isArray()) {
                throw new HistoryFormatException(
                        file.toString(), 0, "session " + session.getKey() + " must be a list of ops");
            }
            int s = names.size();
            names.add(session.getKey());
            int i = 0;
            for (JsonNode op : session.getValue()) {
                String where = "session " + session.getKey() + ", op " + i++;
                if (!op.isArray() || op.size() != 3 || !op.get(0).isTextual()) {
                    throw new HistoryFormatException(
                            file.toString(), 0, where + ": expected [\"wr\"|\"rd\", key, value]");
                }
                String kind = op.get(0).asText();
                if (!kind.equals("wr") && !kind.equals("rd")) {
                    throw new HistoryFormatException(file.toString(), 0, where + ": kind is wr or rd, not " + kind);
                }
                ops.add(new RwOp(ops.size(), s, kind.equals("wr"), scalar(op.get(1)), scalar(op.get(2)), where));
            }
        }
        return new RwHistory(names, ops);
    }

    /**
     * True when the file starts like the session-to-ops form: a JSON object whose first field, not one of an op's
     * fields, holds a list. Reads only the first tokens, so large histories cost nothing here.
     */
    public static boolean isSessionJson(Path file) {
        try (java.io.Reader in = Files.newBufferedReader(file);
                com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT
                    || p.nextToken() != com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                return false;
            }
            String first = p.currentName();
            return !OP_FIELDS.contains(first) && p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY;
        } catch (IOException e) {
            return false;
        }
    }

    private static final java.util.Set<String> OP_FIELDS =
            java.util.Set.of("index", "time", "type", "process", "f", "value", "error", "node", "key");

    /**
     * A Jepsen-style history of {@code read}/{@code write} (or {@code get}/{@code put}) ops with a {@code key} field,
     * or of values {@code [k v]}: one session per client process. Ok ops count; a write of unknown outcome counts
     * (it may have happened); failed ops and reads of unknown outcome do not.
     */
    public static RwHistory fromOps(List<Op> history) {
        Map<ProcessId, Op> open = new HashMap<>();
        Map<ProcessId, List<Op[]>> bySession = new LinkedHashMap<>();
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Client)) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                open.put(op.process(), op);
                continue;
            }
            Op inv = open.remove(op.process());
            boolean write = isWrite(op.f());
            if (op.type() == OpType.OK || (op.type() == OpType.INFO && write)) {
                bySession.computeIfAbsent(op.process(), p -> new ArrayList<>()).add(new Op[] {inv == null ? op : inv, op
                });
            }
        }
        List<String> names = new ArrayList<>();
        List<RwOp> ops = new ArrayList<>();
        for (Map.Entry<ProcessId, List<Op[]>> e : bySession.entrySet()) {
            int s = names.size();
            names.add("p" + e.getKey());
            for (Op[] pair : e.getValue()) {
                ops.add(toRw(ops.size(), s, pair[0], pair[1]));
            }
        }
        return new RwHistory(names, ops);
    }

    private static boolean isWrite(String f) {
        return f.equals("write") || f.equals("put") || f.equals("w");
    }

    private static RwOp toRw(int id, int session, Op inv, Op done) {
        boolean write = isWrite(done.f());
        if (!write
                && !(done.f().equals("read")
                        || done.f().equals("get")
                        || done.f().equals("r"))) {
            throw new IllegalArgumentException(
                    "op #" + done.index() + ": causal checking needs read/write (or get/put) ops, not " + done.f());
        }
        Object key = inv.extra("key");
        Object value = write ? inv.value() : done.value();
        if (key == null && value instanceof List<?> kv && kv.size() == 2) {
            key = kv.get(0);
            value = kv.get(1);
        }
        if (key == null) {
            throw new IllegalArgumentException(
                    "op #" + done.index() + ": a register op needs a key field or a value [k v]");
        }
        return new RwOp(id, session, write, normal(key), normal(value), "op #" + done.index());
    }

    private static @Nullable Object scalar(JsonNode n) {
        if (n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        return n.isNumber() ? (Object) n.asDouble() : n.asText();
    }

    private static @Nullable Object normal(@Nullable Object v) {
        if (v instanceof Keyword k) {
            return k.name();
        }
        if (v instanceof Integer || v instanceof Short) {
            return ((Number) v).longValue();
        }
        return v;
    }
}
