package io.faultline.harness.os;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command run on this machine, with its output captured and a time limit. */
public final class LocalCommand {

    private static final java.util.concurrent.Executor DRAINS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private LocalCommand() {}

    /** The result of a finished command. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** Throws with the command, its exit code and its error output when it failed. */
        public Result orThrow() {
            if (!ok()) {
                throw new CommandFailedException(this);
            }
            return this;
        }
    }

    /** Thrown by {@link Result#orThrow()}: names the command, the exit code and the last lines it printed. */
    public static final class CommandFailedException extends RuntimeException {
        public CommandFailedException(Result result) {
            super(String.join(" ", result.command()) + " exited with " + result.exitCode() + ": "
                    + tail(result.stderr().isBlank() ? result.stdout() : result.stderr()));
        }

        private static String tail(String text) {
            List<String> lines = text.strip().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
    }

    public static Result run(Duration timeout, String... command) {
        return run(List.of(command), timeout);
    }

    public static Result run(List<String> command, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Result(command, 127, "", "cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the command reads no input; a closed pipe is what we want
        }
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(command, 124, out.getNow(""), "timed out after " + timeout);
            }
            return new Result(command, process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(command, 130, "", "interrupted");
        }
    }

    /** True when an executable of this name is on the PATH (or in /usr/sbin, /sbin, where root tools live). */
    public static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (in) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                DRAINS);
    }
}
