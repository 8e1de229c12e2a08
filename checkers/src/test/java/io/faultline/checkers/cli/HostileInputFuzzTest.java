package io.faultline.checkers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.faultline.checkers.TestData;
import io.faultline.checkers.cli.CheckCommandTest.Run;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.format.JsonLinesWriter;
import io.faultline.checkers.history.Op;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Thousands of mutated golden histories per format, each run through {@code check} as a user runs it: every one ends
 * in a verdict (0, 1, 2) or a one-line refusal (254) naming the file and line, never a stack trace or exit 255, and
 * none takes long. Seeded: {@code -Dfaultline.fuzz.seed=N} and {@code -Dfaultline.fuzz.cases=N} replay or widen it.
 */
class HostileInputFuzzTest {
    private static final long SEED = Long.getLong("faultline.fuzz.seed", 14L);
    private static final int CASES = Integer.getInteger("faultline.fuzz.cases", 2000);
    private static final Duration PER_CASE = Duration.ofSeconds(5);
    private static final Set<Integer> EXITS = Set.of(0, 1, 2, 254);
    private static final Path DATA = TestData.of("porcupine");

    @TempDir
    Path dir;

    enum Seed {
        JSONL("h.jsonl"),
        EDN("h.edn"),
        EDN_VECTOR("v.edn"),
        JEPSEN_LOG("h.log");

        final String file;

        Seed(String file) {
            this.file = file;
        }

        byte[] bytes() throws IOException {
            return switch (this) {
                case JSONL -> jsonl(DATA.resolve("kv/c01-ok.txt"));
                case EDN -> head(DATA.resolve("kv/c01-ok.txt"), 30);
                case EDN_VECTOR -> Files.readAllBytes(TestData.of("elle").resolve("list-append/G1c.edn"));
                case JEPSEN_LOG -> head(DATA.resolve("jepsen/etcd_002.log"), 30);
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Seed.class)
    void mutated_histories_get_a_verdict_or_a_one_line_refusal_quickly(Seed seed) throws IOException {
        byte[] original = seed.bytes();
        Path file = dir.resolve(seed.file);
        Pattern refusal = Pattern.compile("^" + Pattern.quote(file.toString()) + ":\\d+: \\S.*");
        Random random = new Random(SEED ^ seed.ordinal());
        long started = System.nanoTime();
        int[] byExit = new int[256];
        for (int i = 0; i < CASES; i++) {
            List<String> applied = new ArrayList<>();
            byte[] mutated = original;
            for (int m = 1 + random.nextInt(3); m > 0; m--) {
                mutated = mutate(mutated, random, applied);
            }
            Files.write(file, mutated);
            List<String> args = new ArrayList<>(List.of("--timeout", "2s"));
            if (random.nextBoolean()) {
                args.add("--lenient");
            }
            args.add(file.toString());
            String replay = "seed " + SEED + ", " + seed + " case " + i + ", mutations " + applied + ", args " + args
                    + ", input " + excerpt(mutated);
            long start = System.nanoTime();
            Run r = assertTimeoutPreemptively(
                    PER_CASE.multipliedBy(2), () -> CheckCommandTest.run(args.toArray(String[]::new)), replay);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(r.exit()).as("exit code: %s; stderr %s", replay, r.err()).isIn(EXITS);
            byExit[r.exit()]++;
            assertThat(took).as("time taken: %s", replay).isLessThan(PER_CASE);
            assertThat(r.err())
                    .as("no stack trace: %s", replay)
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            if (r.exit() == 254) {
                assertThat(r.err().strip().lines().toList())
                        .as("one line: %s", replay)
                        .hasSize(1)
                        .allMatch(line -> refusal.matcher(line).matches(), "names the file and line: " + refusal);
            }
        }
        Duration all = Duration.ofNanos(System.nanoTime() - started);
        assertThat(byExit[254]).as("refusals among %d cases of %s", CASES, seed).isPositive();
        assertThat(byExit[0] + byExit[1] + byExit[2])
                .as("verdicts among %d cases of %s", CASES, seed)
                .isPositive();
        assertThat(all).as("all %d cases of %s", CASES, seed).isLessThan(Duration.ofSeconds(60));
    }

    private static byte[] mutate(byte[] in, Random random, List<String> applied) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        int kind = random.nextInt(12);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        switch (kind) {
            case 0 -> { // flip a byte
                byte[] b = in.clone();
                if (b.length > 0) {
                    int p = Math.min(at, b.length - 1);
                    b[p] = (byte) random.nextInt(256);
                }
                applied.add("flip@" + at);
                return b;
            }
            case 1 -> { // delete a range
                int len = Math.min(in.length - at, 1 + random.nextInt(40));
                out.write(in, 0, at);
                out.write(in, at + len, in.length - at - len);
                applied.add("delete@" + at + "+" + len);
            }
            case 2 -> { // duplicate a range
                int len = Math.min(in.length - at, 1 + random.nextInt(200));
                out.write(in, 0, at + len);
                out.write(in, at, in.length - at);
                applied.add("duplicate@" + at + "+" + len);
            }
            case 3 -> { // truncate
                out.write(in, 0, at);
                applied.add("truncate@" + at);
            }
            default -> {
                String insert = switch (kind) {
                    case 4 -> random.nextBoolean() ? "[".repeat(150 + random.nextInt(5000)) : "{:a ".repeat(300);
                    case 5 -> "9".repeat(500 + random.nextInt(20_000));
                    case 6 -> "\uFEFF";
                    case 7 ->
                        random.nextBoolean() ? "1e999999999M" : "1." + "0".repeat(random.nextInt(2000)) + "e-99999";
                    case 8 -> String.valueOf("{}[]()\"\\#_:;,\n ".charAt(random.nextInt(15)));
                    case 9 -> "\n";
                    case 10 -> "#_".repeat(100 + random.nextInt(3000));
                    default -> null;
                };
                out.write(in, 0, at);
                if (insert == null) {
                    byte[][] bad = {{(byte) 0xC3}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}};
                    byte[] b = bad[random.nextInt(bad.length)];
                    out.write(b, 0, b.length);
                    applied.add("bad-utf8@" + at);
                } else {
                    byte[] b = insert.getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                    applied.add("insert@" + at + ":"
                            + (insert.length() > 12 ? insert.substring(0, 12) + "..x" + insert.length() : insert));
                }
                out.write(in, at, in.length - at);
            }
        }
        return out.toByteArray();
    }

    private static String excerpt(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, 600), StandardCharsets.UTF_8);
        return s.replace("\n", "\\n") + (b.length > 600 ? "... (" + b.length + " bytes)" : "");
    }

    private static byte[] head(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        return (String.join("\n", all.subList(0, Math.min(lines, all.size()))) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] jsonl(Path edn) throws IOException {
        StringWriter text = new StringWriter();
        try (HistoryReader reader = Histories.open(edn, HistoryFormat.EDN, false);
                JsonLinesWriter writer = new JsonLinesWriter(text)) {
            Op op;
            for (int i = 0; i < 30 && (op = reader.next()) != null; i++) {
                writer.write(op);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
