package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
import io.faultline.harness.os.LocalCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node that is a local process: the bundled node's JVM or a db's own program, started as the leader of a process
 * group of its own ({@link ProcessGroup}), so that kill, pause, resume and stop signal the whole group and wait for
 * its effect.
 */
final class ProcessNode implements Node {

    private final NodeId id;
    private final List<String> command;
    private final Path dir;
    private final Path log;
    private final HostPort client;
    private final HostPort peer;
    private final Duration readyTimeout;
    private final java.util.Map<String, String> environment;
    private final Health.Probe probe;
    private final boolean grouped = ProcessGroup.available();
    private Process process;
    private NodeState state = NodeState.NEW;

    /**
     * @param command the node's command line, run in {@code dir/data}
     * @param probe what tells that a started node is ready
     */
    ProcessNode(
            NodeId id,
            List<String> command,
            Path dir,
            HostPort client,
            HostPort peer,
            Duration readyTimeout,
            java.util.Map<String, String> environment,
            Health.Probe probe) {
        this.environment = java.util.Map.copyOf(environment);
        this.id = id;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.log = dir.resolve("node.log");
        this.client = client;
        this.peer = peer;
        this.readyTimeout = readyTimeout;
        this.probe = probe;
    }

    @Override
    public NodeId id() {
        return id;
    }

    @Override
    public synchronized NodeState state() {
        return state;
    }

    @Override
    public synchronized void start() {
        if (state == NodeState.RUNNING || state == NodeState.PAUSED) {
            throw new IllegalStateException(id + " is " + state + ": kill or stop it before starting it again");
        }
        ProcessCluster.createDirectories(dir.resolve("data"));
        try {
            ProcessBuilder builder = new ProcessBuilder(grouped ? ProcessGroup.leading(command) : command);
            builder.environment().putAll(environment);
            process = builder.directory(dir.resolve("data").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new NodeStartException("cannot start " + id + ": " + e.getMessage());
        }
        Process started = process;
        Health.await(id, () -> client, readyTimeout, started::isAlive, this::logs, probe);
        state = NodeState.RUNNING;
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            resumeIfPaused();
            signal("TERM");
            if (!awaitGone(Duration.ofSeconds(10))) {
                signal("KILL");
                awaitGone(Duration.ofSeconds(10));
            }
        }
        state = NodeState.DOWN;
    }

    @Override
    public synchronized void kill() {
        if (process != null) {
            signal("KILL"); // a stopped group dies of it too, without running again first
            if (!awaitGone(Duration.ofSeconds(10))) {
                throw new IllegalStateException(
                        id + " (process group " + process.pid() + ") survived SIGKILL for 10 s");
            }
        }
        state = NodeState.DOWN;
    }

    @Override
    public synchronized void pause() {
        requireState(NodeState.RUNNING, "pause");
        if (!signal("STOP")) {
            throw new IllegalStateException(
                    "cannot pause " + id + ": no process of group " + process.pid() + " is left");
        }
        if (grouped && !ProcessGroup.awaitStopped(process.pid(), Duration.ofSeconds(5))) {
            throw new IllegalStateException(
                    id + " (process group " + process.pid() + ") was not stopped 5 s after SIGSTOP");
        }
        state = NodeState.PAUSED;
    }

    @Override
    public synchronized void resume() {
        requireState(NodeState.PAUSED, "resume");
        if (!signal("CONT")) {
            throw new IllegalStateException(
                    "cannot resume " + id + ": no process of group " + process.pid() + " is left");
        }
        state = NodeState.RUNNING;
    }

    /** The pid of the node's process (its group's leader, whose group id it is), while it has one. */
    synchronized java.util.OptionalLong pid() {
        return process == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(process.pid());
    }

    /** Signals the node's group, or only its process where there are no groups; false when nothing received it. */
    private boolean signal(String signal) {
        if (grouped) {
            return ProcessGroup.signal(process.pid(), signal);
        }
        return LocalCommand.run(Duration.ofSeconds(5), "kill", "-" + signal, Long.toString(process.pid()))
                .ok();
    }

    /** Waits until the node's process is gone and, with groups, every process of its group. */
    private boolean awaitGone(Duration patience) {
        boolean exited = waitFor(patience);
        return grouped ? ProcessGroup.awaitGone(process.pid(), patience) && exited : exited;
    }

    @Override
    public ExecResult exec(Duration timeout, String... command) {
        LocalCommand.Result result = LocalCommand.run(List.of(command), timeout);
        return new ExecResult(result.exitCode(), result.stdout(), result.stderr());
    }

    @Override
    public String logs() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean copyFile(String relativePath, Path target) {
        Path source = Node.inDataDir(dir.resolve("data"), relativePath);
        if (!Files.isRegularFile(source)) {
            return false;
        }
        try {
            ProcessCluster.createDirectories(target.getParent());
            Files.copy(source, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HostPort clientAddress() {
        return client;
    }

    @Override
    public HostPort peerAddress() {
        return peer;
    }

    /** Kills the process whatever its state; used when the cluster closes. */
    synchronized void destroy() {
        if (process != null
                && (process.isAlive()
                        || grouped && !ProcessGroup.members(process.pid()).isEmpty())) {
            signal("CONT");
            signal("KILL");
            awaitGone(Duration.ofSeconds(10));
        }
        state = NodeState.DOWN;
    }

    @Override
    public String toString() {
        return id + "(" + state + ", " + client + ")";
    }

    private void resumeIfPaused() {
        if (state == NodeState.PAUSED) {
            resume();
        }
    }

    private void requireState(NodeState wanted, String action) {
        if (state != wanted) {
            throw new IllegalStateException("cannot " + action + " " + id + ": it is " + state + ", not " + wanted);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
