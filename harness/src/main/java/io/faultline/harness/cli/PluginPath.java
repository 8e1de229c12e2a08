package io.faultline.harness.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plugin jars named on the command line ({@code --plugin-path}) or in {@code FAULTLINE_PLUGIN_PATH}: each entry a
 * jar, or a folder whose jars (and classes, if it has {@code META-INF/}) are loaded. The loader becomes the thread's
 * context class loader, which the registries' {@link java.util.ServiceLoader} lookups use, so a plugin's databases,
 * workloads and fault packages are found by name like the built-in ones.
 */
final class PluginPath {

    /** The environment variable read when no {@code --plugin-path} is given. */
    static final String ENVIRONMENT = "FAULTLINE_PLUGIN_PATH";

    private PluginPath() {}

    /** The jars and folders an entry list names, in order; refuses an entry that does not exist, naming it. */
    static List<URL> urls(List<Path> entries) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isRegularFile(entry)) {
                if (!entry.getFileName().toString().endsWith(".jar")) {
                    throw new IllegalArgumentException(
                            "--plugin-path " + entry + ": not a jar (a plugin is a .jar, or a" + " folder of jars)");
                }
                urls.add(url(entry));
            } else if (Files.isDirectory(entry)) {
                if (Files.isDirectory(entry.resolve("META-INF"))) {
                    urls.add(url(entry));
                }
                try (Stream<Path> files = Files.list(entry)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                            .sorted()
                            .forEach(f -> urls.add(url(f)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list the plugin folder " + entry + ": " + e.getMessage(), e);
                }
            } else {
                throw new IllegalArgumentException("--plugin-path " + entry + ": no such file or folder");
            }
        }
        return urls;
    }

    /** Splits {@code a.jar:dir} (the platform's path separator) into entries; empty for null or blank. */
    static List<Path> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        for (String part : list.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                entries.add(Path.of(part.strip()));
            }
        }
        return entries;
    }

    /**
     * Makes the plugins of {@code entries} (or of {@link #ENVIRONMENT} when there are none) visible to this
     * thread's lookups, and to the threads it starts.
     */
    static void install(List<Path> entries) {
        List<Path> chosen = entries.isEmpty() ? split(System.getenv(ENVIRONMENT)) : entries;
        if (chosen.isEmpty()) {
            return;
        }
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        if (parent == null) {
            parent = PluginPath.class.getClassLoader();
        }
        Thread.currentThread()
                .setContextClassLoader(
                        new URLClassLoader("faultline-plugins", urls(chosen).toArray(URL[]::new), parent));
    }

    private static URL url(Path path) {
        try {
            return path.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--plugin-path " + path + ": " + e.getMessage(), e);
        }
    }
}
