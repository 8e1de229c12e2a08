package io.faultline.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A run directory whose every value from the history, the results and the file names tries to inject markup. */
final class HostileRun {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String IMG = "\"><img src=x onerror=alert(2)>";
    static final String CLOSE_SCRIPT = "</script><script>alert(3)</script>";
    static final String COMMENT = "<!--<script>alert(4)</script>";
    static final String ATTRIBUTE = "' onmouseover='alert(5)";
    static final List<String> ALL = List.of(SCRIPT, IMG, CLOSE_SCRIPT, COMMENT, ATTRIBUTE);

    private HostileRun() {}

    static Path create(Path parent) throws IOException {
        Path run = Files.createDirectories(parent.resolve("hostile").resolve("20261128T010203.004"));
        String s = json(SCRIPT);
        String i = json(IMG);
        String c = json(CLOSE_SCRIPT);
        String m = json(COMMENT);
        String a = json(ATTRIBUTE);
        Files.writeString(
                run.resolve("history.jsonl"),
                String.join(
                                "\n",
                                "{\"index\":0,\"time\":1000,\"type\":\"invoke\",\"process\":0,\"f\":" + s
                                        + ",\"value\":" + i + "}",
                                "{\"index\":1,\"time\":2000,\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"start-partition\","
                                        + "\"value\":" + c + "}",
                                "{\"index\":2,\"time\":3000000,\"type\":\"ok\",\"process\":0,\"f\":" + s + ",\"value\":"
                                        + c + "}",
                                "{\"index\":3,\"time\":4000000,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"start-partition\","
                                        + "\"value\":{\"applied\":" + m + ",\"verified\":true,\"note\":" + a + "}}",
                                "{\"index\":4,\"time\":5000000,\"type\":\"invoke\",\"process\":1,\"f\":" + i
                                        + ",\"value\":null}",
                                "{\"index\":5,\"time\":6000000,\"type\":\"fail\",\"process\":1,\"f\":" + i
                                        + ",\"value\":null," + "\"error\":" + m + "}",
                                "{\"index\":6,\"time\":7000000,\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"heal\",\"value\":null}",
                                "{\"index\":7,\"time\":8000000,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"heal\","
                                        + "\"value\":{\"applied\":\"healed\",\"verified\":true,\"note\":" + s + "}}")
                        + "\n");
        Files.writeString(
                run.resolve("test.json"),
                "{\"spec\":{\"name\":" + s + ",\"workload\":" + i + ",\"seed\":" + c
                        + ",\"concurrency\":2},\"started\":" + m + ",\"faultline_version\":" + a + "}");
        Files.writeString(
                run.resolve("results.json"),
                "{\"valid\":false,\"summary\":" + s + ",\"checkers\":["
                        + "{\"checker\":" + i + ",\"verdict\":\"INVALID\",\"summary\":" + c + ",\"details\":{\"x\":" + m
                        + "}},"
                        + "{\"checker\":\"linearizable\",\"verdict\":\"INVALID\",\"summary\":" + a + ",\"details\":{"
                        + "\"partitions\":[{\"key\":" + s + ",\"verdict\":\"INVALID\",\"operations\":1,\"cause\":" + i
                        + "}],"
                        + "\"counterexample\":{\"key\":" + s + ",\"failing\":{\"process\":{\"number\":0},\"f\":" + s
                        + ",\"input\":" + i + ",\"output\":" + c
                        + ",\"outcome\":\"OK\",\"invocation\":{\"index\":0,\"time\":1000}"
                        + ",\"completion\":{\"index\":2,\"time\":3000000}},\"longest\":[{\"operation\":{\"process\":{\"number\":1}"
                        + ",\"f\":" + m + ",\"input\":" + a + ",\"outcome\":\"OK\"},\"stateAfter\":" + s + "}],"
                        + "\"initialState\":" + i + ",\"explanation\":" + c + "}}}]}");
        Files.writeString(run.resolve("harness.log"), SCRIPT + "\n");
        Path node = Files.createDirectories(run.resolve("n1\"><img src=x onerror=alert(6)>"));
        Files.writeString(node.resolve("node.log"), SCRIPT + "\n");
        return run;
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
