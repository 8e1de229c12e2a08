package io.faultline.harness.cluster;

import io.faultline.harness.os.LocalCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node processes of the process runtime, found by the environment every node is started with: the cluster it
 * belongs to and the harness that owns it (pid and start time, so a reused pid is never taken for the owner). A
 * node whose owner is gone is a leftover of a dead run; removing one continues it first (a paused node is
 * stopped) and then kills it.
 */
public final class NodeProcesses {

    /** The cluster a node belongs to. */
    public static final String CLUSTER = "FAULTLINE_CLUSTER";
    /** The pid of the harness that started it. */
    public static final String OWNER_PID = "FAULTLINE_OWNER_PID";
    /** The start time (epoch ms) of the harness that started it. */
    public static final String OWNER_START = "FAULTLINE_OWNER_START";

    private static final Path PROC = Path.of("/proc");

    /** One node process this machine runs. */
    public record NodeProcess(long pid, String cluster, long ownerPid, long ownerStart, boolean stopped) {
        /** Whether the harness that started it is gone. */
        public boolean orphaned() {
            return !alive(ownerPid, ownerStart);
        }

        @Override
        public String toString() {
            return "node process " + pid + " of cluster " + cluster + " (harness pid " + ownerPid
                    + (orphaned() ? ", gone" : ", alive") + (stopped ? "; paused" : "") + ")";
        }
    }

    private NodeProcesses() {}

    /** The environment a node of {@code cluster} is started with, naming this JVM as its owner. */
    public static Map<String, String> environment(String cluster) {
        ProcessHandle self = ProcessHandle.current();
        return Map.of(
                CLUSTER, cluster, OWNER_PID, Long.toString(self.pid()), OWNER_START, Long.toString(startMillis(self)));
    }

    /** Every node process of any run on this machine that this user can see. */
    public static List<NodeProcess> all() {
        List<NodeProcess> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                read(entry).ifPresent(found::add);
            }
        } catch (IOException e) {
            return found; // no /proc (not Linux): no process runtime leftovers can be found here
        }
        return found;
    }

    /** The node processes whose harness is gone. */
    public static List<NodeProcess> orphans() {
        return all().stream().filter(NodeProcess::orphaned).toList();
    }

    /** The node processes of one cluster. */
    public static List<NodeProcess> ofCluster(String cluster) {
        return all().stream().filter(p -> p.cluster().equals(cluster)).toList();
    }

    /**
     * Continues, then kills, a node process, and its whole process group when it leads one (every node leads its
     * own, {@link ProcessGroup}); waits up to 10 s for it to be gone; true when it is.
     */
    public static boolean remove(NodeProcess node) {
        Optional<ProcessHandle> handle = ProcessHandle.of(node.pid());
        if (handle.isEmpty()) {
            return true;
        }
        boolean leader = ProcessGroup.groupOf(node.pid()).orElse(-1L) == node.pid();
        if (leader) {
            ProcessGroup.signal(node.pid(), "CONT");
            ProcessGroup.signal(node.pid(), "KILL");
        }
        LocalCommand.run(Duration.ofSeconds(5), "kill", "-CONT", Long.toString(node.pid()));
        handle.get().destroyForcibly();
        try {
            handle.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (handle.get().isAlive()) {
                return false;
            }
        }
        return !leader || ProcessGroup.awaitGone(node.pid(), Duration.ofSeconds(10));
    }

    /** Removes every orphaned node process, returning those it removed. */
    public static List<NodeProcess> removeOrphans() {
        List<NodeProcess> removed = new ArrayList<>();
        for (NodeProcess orphan : orphans()) {
            if (remove(orphan)) {
                removed.add(orphan);
            }
        }
        return removed;
    }

    static boolean alive(long pid, long startMillis) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> startMillis(p) == startMillis)
                .orElse(false);
    }

    private static long startMillis(ProcessHandle process) {
        return process.info()
                .startInstant()
                .map(java.time.Instant::toEpochMilli)
                .orElse(0L);
    }

    private static Optional<NodeProcess> read(Path entry) {
        Map<String, String> env;
        String stat;
        try {
            env = environment(Files.readAllBytes(entry.resolve("environ")));
            if (!env.containsKey(CLUSTER) || !env.containsKey(OWNER_PID)) {
                return Optional.empty();
            }
            stat = Files.readString(entry.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone meanwhile, or another user's
        }
        try {
            long pid = Long.parseLong(entry.getFileName().toString());
            long ownerPid = Long.parseLong(env.get(OWNER_PID));
            long ownerStart = Long.parseLong(env.getOrDefault(OWNER_START, "0"));
            // /proc/PID/stat: "pid (comm) S ...", the state after the last ')'
            String state = stat.substring(stat.lastIndexOf(')') + 1).strip();
            boolean stopped = state.startsWith("T") || state.startsWith("t");
            return Optional.of(new NodeProcess(pid, env.get(CLUSTER), ownerPid, ownerStart, stopped));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> environment(byte[] environ) {
        Map<String, String> env = new HashMap<>();
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
                int eq = entry.indexOf('=');
                if (eq > 0 && entry.startsWith("FAULTLINE_")) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
                start = i + 1;
            }
        }
        return env;
    }
}
