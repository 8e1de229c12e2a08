package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
import io.faultline.harness.os.LocalCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A node that is a local JVM. */
final class ProcessNode implements Node {

    private final NodeId id;
    private final Path jar;
    private final List<String> args;
    private final Path dir;
    private final Path log;
    private final HostPort client;
    private final HostPort peer;
    private final Duration readyTimeout;
    private final java.util.Map<String, String> environment;
    private Process process;
    private NodeState state = NodeState.NEW;

    ProcessNode(
            NodeId id,
            Path jar,
            List<String> args,
            Path dir,
            HostPort client,
            HostPort peer,
            Duration readyTimeout,
            java.util.Map<String, String> environment) {
        this.environment = java.util.Map.copyOf(environment);
        this.id = id;
        this.jar = jar;
        this.args = List.copyOf(args);
        this.dir = dir;
        this.log = dir.resolve("node.log");
        this.client = client;
        this.peer = peer;
        this.readyTimeout = readyTimeout;
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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "-jar",
                jar.toString()));
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.directory(dir.resolve("data").toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new NodeStartException("cannot start " + id + ": " + e.getMessage());
        }
        Process started = process;
        Health.await(id, () -> client, readyTimeout, started::isAlive, this::logs);
        state = NodeState.RUNNING;
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            resumeIfPaused();
            process.destroy();
            if (!waitFor(Duration.ofSeconds(10))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
        state = NodeState.DOWN;
    }

    @Override
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            if (!waitFor(Duration.ofSeconds(10))) {
                throw new IllegalStateException(id + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
            }
        }
        state = NodeState.DOWN;
    }

    @Override
    public synchronized void pause() {
        requireState(NodeState.RUNNING, "pause");
        LocalCommand.run(Duration.ofSeconds(5), "kill", "-STOP", Long.toString(process.pid()))
                .orThrow();
        state = NodeState.PAUSED;
    }

    @Override
    public synchronized void resume() {
        requireState(NodeState.PAUSED, "resume");
        LocalCommand.run(Duration.ofSeconds(5), "kill", "-CONT", Long.toString(process.pid()))
                .orThrow();
        state = NodeState.RUNNING;
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
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
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
