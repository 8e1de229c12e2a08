package io.faultline.harness.cluster;

import io.faultline.harness.os.LocalCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node's process group on the process runtime. Every node is started through {@code setsid}, which, run by a
 * process that is not a group leader (a child of this JVM never is), makes itself the leader of a new session and
 * group and then execs the node's program without forking: the node's pid is its group id. Signals go to the whole
 * group ({@code kill -SIG -- -PGID}), so a launcher script and the server it starts are hit together; waiting for a
 * group looks at every process in {@code /proc} whose group it is (zombies, dead already, do not count).
 */
final class ProcessGroup {

    private static final Path PROC = Path.of("/proc");

    private ProcessGroup() {}

    /** Whether nodes can be started in a group of their own here ({@code setsid} is on the PATH). */
    static boolean available() {
        return LocalCommand.onPath("setsid");
    }

    /** {@code command} run as the leader of a new session and process group. */
    static List<String> leading(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        wrapped.add("setsid");
        wrapped.addAll(command);
        return wrapped;
    }

    /** Sends {@code signal} (KILL, STOP, CONT, TERM) to every process of the group; false when none received it. */
    static boolean signal(long pgid, String signal) {
        return LocalCommand.run(Duration.ofSeconds(5), "kill", "-" + signal, "--", "-" + pgid)
                .ok();
    }

    /** The live (not zombie) processes of the group, with their state letters ({@code R}, {@code S}, {@code T}...). */
    static List<Member> members(long pgid) {
        List<Member> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                stat(entry)
                        .filter(m -> m.pgid() == pgid
                                && !m.state().equals("Z")
                                && !m.state().equals("X"))
                        .ifPresent(found::add);
            }
        } catch (IOException e) {
            return found; // no /proc: nothing can be seen
        }
        return found;
    }

    /** The group id of a process, or empty when it is gone. */
    static Optional<Long> groupOf(long pid) {
        return stat(PROC.resolve(Long.toString(pid))).map(Member::pgid);
    }

    /** Waits until no live process of the group is left; true when none is. */
    static boolean awaitGone(long pgid, Duration patience) {
        return await(patience, () -> members(pgid).isEmpty());
    }

    /** Waits until every live process of the group is stopped (state {@code T}); true when all are. */
    static boolean awaitStopped(long pgid, Duration patience) {
        return await(
                patience, () -> members(pgid).stream().allMatch(m -> m.state().equals("T")));
    }

    private static boolean await(Duration patience, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10); // polling /proc: the kernel offers no wait for another process's group
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return condition.getAsBoolean();
            }
        }
    }

    /** One process of a group: its pid, group id and state letter. */
    record Member(long pid, long pgid, String state) {}

    /** {@code /proc/PID/stat}: "pid (comm) S ppid pgrp ...", parsed after the last ')' (comm may hold spaces). */
    private static Optional<Member> stat(Path entry) {
        try {
            String stat = Files.readString(entry.resolve("stat"), StandardCharsets.UTF_8);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 1).strip().split(" ");
            long pid = Long.parseLong(entry.getFileName().toString());
            return Optional.of(new Member(pid, Long.parseLong(fields[2]), fields[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone meanwhile, or not a process
        }
    }
}
