package io.faultline.harness.cluster;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watchdog for one process cluster, so that its nodes die with the harness however the harness dies (SIGKILL
 * included). It is a small shell process that reads its standard input, a pipe this JVM holds, until end of file:
 * the kernel closes the pipe when this JVM exits, and the reaper then continues (a paused node is stopped) and
 * kills every process whose environment names the cluster, and the whole process group of each that leads one (a
 * node's group, {@link ProcessGroup}). A normal close stops the reaper without a sweep, the
 * cluster having removed its own nodes. Without {@code sh} there is no reaper, and the next run removes the
 * leftovers instead ({@link NodeProcesses#removeOrphans()}).
 */
final class Reaper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    /** The environment variable naming the cluster to the reaper; not {@link NodeProcesses#CLUSTER}, so it spares itself. */
    static final String TARGET = "FAULTLINE_REAP";

    static final String SCRIPT = """
            cat >/dev/null
            for environ in /proc/[0-9]*/environ; do
              if tr '\\000' '\\n' <"$environ" 2>/dev/null | grep -qxF "FAULTLINE_CLUSTER=$FAULTLINE_REAP"; then
                pid=${environ#/proc/}; pid=${pid%/environ}
                kill -CONT -"$pid" 2>/dev/null
                kill -KILL -"$pid" 2>/dev/null
                kill -CONT "$pid" 2>/dev/null
                kill -KILL "$pid" 2>/dev/null
              fi
            done
            """;

    private final Process process;

    private Reaper(Process process) {
        this.process = process;
    }

    /** Starts the reaper of {@code cluster}, or returns null (saying why) when no shell can be started. */
    static Reaper start(String cluster) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", SCRIPT)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().removeIf(name -> name.startsWith("FAULTLINE_"));
        builder.environment().put(TARGET, cluster);
        try {
            return new Reaper(builder.start());
        } catch (IOException e) {
            LOG.warn(
                    "no reaper for cluster {} ({}): if the harness is killed, the next run removes its nodes",
                    cluster,
                    e.getMessage());
            return null;
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
