package io.faultline.sut.server;

import io.faultline.sut.json.JsonValue;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Structured logs: one JSON object per line on standard output, each naming the node and, once the Raft loop
 * runs, its term and role.
 */
public final class JsonLog {

    private final String node;
    private final PrintStream out;
    private volatile Supplier<EngineStatus> status = () -> null;

    public JsonLog(String node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    void follow(Supplier<EngineStatus> status) {
        this.status = status;
    }

    public void info(String message, Map<String, ?> fields) {
        write("info", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        write("warn", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        write("error", message, fields);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        StringBuilder line = new StringBuilder(160)
                .append("{\"ts\":\"")
                .append(Instant.now())
                .append("\",\"level\":\"")
                .append(level)
                .append("\",\"node\":")
                .append(JsonValue.quote(node));
        EngineStatus s = status.get();
        if (s != null) {
            s.gauge("term").ifPresent(term -> line.append(",\"term\":").append(term));
            line.append(",\"role\":\"").append(s.role()).append('"');
        }
        line.append(",\"msg\":").append(JsonValue.quote(message));
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            line.append(',').append(JsonValue.quote(e.getKey())).append(':').append(render(e.getValue()));
        }
        line.append('}');
        synchronized (out) {
            out.println(line);
        }
    }

    private static String render(Object value) {
        if (value instanceof Number || value instanceof Boolean || value instanceof JsonValue) {
            return value.toString();
        }
        return JsonValue.quote(String.valueOf(value));
    }
}
