package io.faultline.sut;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/** Structured logs: one JSON object per line on standard output, each naming the node. */
final class JsonLog {

    private final String node;

    JsonLog(String node) {
        this.node = node;
    }

    void info(String message, Map<String, ?> fields) {
        String extra = fields.entrySet().stream()
                .map(e -> ",\"" + e.getKey() + "\":\"" + escape(String.valueOf(e.getValue())) + "\"")
                .collect(Collectors.joining());
        System.out.println("{\"ts\":\"" + Instant.now() + "\",\"level\":\"info\",\"node\":\"" + node + "\",\"msg\":\""
                + escape(message) + "\"" + extra + "}");
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
