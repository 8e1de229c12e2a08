package io.faultline.reports;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium} package) run once per page: dumps the DOM after the scripts ran,
 * collects the console messages it logs to stderr, or takes a screenshot.
 */
final class Chromium {
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[^\\]]*\\] (.*)");
    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;
    private final Path profile;

    /**
     * @param dom the DOM after the page's scripts ran
     * @param console every console message (log, warning, error, uncaught exception)
     */
    record Page(String dom, List<String> console) {}

    private Chromium(Path executable, Path profile) {
        this.executable = executable;
        this.profile = profile;
    }

    /** Chromium from the PATH ({@code chromium}, else {@code chromium-browser}), or empty. */
    static Optional<Chromium> find(Path profile) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new Chromium(candidate, profile));
                }
            }
        }
        return Optional.empty();
    }

    Page load(String url) throws IOException, InterruptedException {
        Path out = Files.createTempFile(profile.getParent(), "dom-", ".html");
        Path err = Files.createTempFile(profile.getParent(), "console-", ".log");
        run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", url), out, err);
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            Matcher m = CONSOLE.matcher(line);
            if (m.find()) {
                console.add(m.group(1));
            }
        }
        return new Page(Files.readString(out, StandardCharsets.UTF_8), console);
    }

    void screenshot(String url, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Path log = Files.createTempFile(profile.getParent(), "shot-", ".log");
        run(List.of("--hide-scrollbars", "--screenshot=" + png.toAbsolutePath(), url), log, log);
    }

    private void run(List<String> args, Path out, Path err) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                executable.toString(),
                "--headless=new",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--window-size=1300,3000"));
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
    }
}
