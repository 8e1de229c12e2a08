package io.faultline.harness.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.DockerEngine;
import io.faultline.harness.docker.Leftovers;
import io.faultline.harness.os.LocalCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds the base and node images without a registry, idempotently: an image whose tag (a content hash of its
 * inputs) is already present is not built again.
 */
public final class ImageBuilder {

    /** What {@link #ensure} did for one image. */
    public record Outcome(String tag, boolean built, Duration took) {}

    /** The label naming the checkout that built an image ({@link Checkout#id()}). */
    public static final String CHECKOUT = "io.faultline.checkout";

    private final DockerClient docker;
    private final Consumer<String> progress;
    private final Checkout checkout;
    private final ImageClaims claims;

    /** A builder for the running checkout, with this user's image claims. */
    public ImageBuilder(Consumer<String> progress) {
        this(progress, Checkout.current(), ImageClaims.inCache());
    }

    public ImageBuilder(Consumer<String> progress, Checkout checkout, ImageClaims claims) {
        this.docker = Docker.client();
        this.progress = progress;
        this.checkout = checkout;
        this.claims = claims;
    }

    public boolean present(String tag) {
        try {
            docker.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Builds the node image, and its base first, when missing, and records that this checkout uses it (so that
     * another checkout's pruning keeps it).
     */
    public List<Outcome> ensure(NodeImage node) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(ensure(node.base()));
        long start = System.nanoTime();
        claims.claim(checkout, node.tag());
        if (present(node.tag())) {
            outcomes.add(new Outcome(node.tag(), false, since(start)));
            return outcomes;
        }
        progress.accept("building " + node.tag() + " (jlink runtime + node and proxy jars)");
        Path context = tempDir("faultline-node-image");
        try {
            copyTree(linkedRuntime(node.modules()), context.resolve("runtime"));
            Files.copy(node.nodeJar(), context.resolve("faultline-node.jar"));
            Files.copy(node.proxyJar(), context.resolve("faultline-proxy.jar"));
            Files.writeString(context.resolve("Dockerfile"), node.dockerfile());
            buildFromLocal(context, node.tag(), node.key());
            return append(outcomes, new Outcome(node.tag(), true, since(start)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(context);
        }
    }

    /** Builds the Prometheus image, and its base first, when missing (apt inside the build reaches Debian's mirror). */
    public List<Outcome> ensure(PrometheusImage prometheus) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(ensure(prometheus.base()));
        long start = System.nanoTime();
        if (present(prometheus.tag())) {
            return append(outcomes, new Outcome(prometheus.tag(), false, since(start)));
        }
        progress.accept("building " + prometheus.tag() + " (apt-get install prometheus)");
        Path context = tempDir("faultline-prometheus-image");
        try {
            Files.writeString(context.resolve("Dockerfile"), prometheus.dockerfile());
            buildFromLocal(context, prometheus.tag(), prometheus.key());
            return append(outcomes, new Outcome(prometheus.tag(), true, since(start)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new ImageBuildException("could not build " + prometheus.tag() + " (apt-get install prometheus from"
                    + " Debian's mirror inside docker build): " + e.getMessage());
        } finally {
            deleteTree(context);
        }
    }

    /**
     * Builds a db's program image, and its base first, when missing. Not claimed ({@link ImageClaims} hold each
     * checkout's node image) and never pruned with the node images: pruning looks only at {@code faultline-node}.
     */
    public List<Outcome> ensure(ProgramImage program) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(ensure(program.base()));
        long start = System.nanoTime();
        if (present(program.tag())) {
            return append(outcomes, new Outcome(program.tag(), false, since(start)));
        }
        progress.accept("building " + program.tag() + " (apt-get install "
                + String.join(" ", program.recipe().packages()) + ")");
        Path context = tempDir("faultline-program-image");
        try {
            Files.writeString(context.resolve("Dockerfile"), program.dockerfile());
            for (int i = 0; i < program.recipe().files().size(); i++) {
                Files.writeString(
                        context.resolve("file-" + i),
                        program.recipe().files().get(i).content());
            }
            buildFromLocal(context, program.tag(), program.key());
            return append(outcomes, new Outcome(program.tag(), true, since(start)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new ImageBuildException("could not build " + program.tag() + " (apt-get install "
                    + String.join(" ", program.recipe().packages()) + " from Debian's mirror inside docker build): "
                    + e.getMessage());
        } finally {
            deleteTree(context);
        }
    }

    /**
     * Builds the Dockerfile in {@code context} as {@code tag}, labelled as ours with its content key and the
     * checkout that built it (the prune step removes only that checkout's images), never pulling: its {@code FROM}
     * is a local image.
     */
    private void buildFromLocal(Path context, String tag, String key) {
        docker.buildImageCmd(context.toFile())
                .withTags(Set.of(tag))
                .withLabels(Map.of(Leftovers.MANAGED, "image", "io.faultline.key", key, CHECKOUT, checkout.id()))
                .withPull(false)
                .start()
                .awaitImageId();
    }

    /** Builds the base image when missing. */
    public Outcome ensure(BaseImage base) {
        long start = System.nanoTime();
        if (present(base.tag())) {
            return new Outcome(base.tag(), false, since(start));
        }
        switch (base.source()) {
            case BaseImage.Debootstrap d -> debootstrap(base, d);
            case BaseImage.FromImage f -> fromImage(base, f);
        }
        return new Outcome(base.tag(), true, since(start));
    }

    private void debootstrap(BaseImage base, BaseImage.Debootstrap source) {
        if (!LocalCommand.onPath("debootstrap")) {
            throw new ImageBuildException("debootstrap is not installed: apt-get install debootstrap "
                    + "(or set FAULTLINE_BASE_IMAGE=debian:bookworm-slim on a machine that reaches a registry)");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new ImageBuildException("debootstrap must run as root to build " + base.tag()
                    + ": run ./faultline images as root once (sudo), or set FAULTLINE_BASE_IMAGE");
        }
        Path rootfs = tempDir("faultline-rootfs");
        try {
            progress.accept("building " + base.tag() + " with debootstrap " + source.suite() + " (about a minute)");
            LocalCommand.run(
                            List.of(
                                    "debootstrap",
                                    "--variant=minbase",
                                    "--include=" + String.join(",", base.packages()),
                                    source.suite(),
                                    rootfs.toString(),
                                    source.mirror()),
                            Duration.ofMinutes(15))
                    .orThrow();
            for (String junk : List.of(
                    "var/lib/apt/lists",
                    "var/cache/apt",
                    "usr/share/doc",
                    "usr/share/man",
                    "usr/share/locale",
                    "usr/share/info")) {
                deleteTree(rootfs.resolve(junk));
            }
            Path tarball = rootfs.resolveSibling(rootfs.getFileName() + ".tar");
            try {
                LocalCommand.run(
                                List.of(
                                        "tar",
                                        "-C",
                                        rootfs.toString(),
                                        "--numeric-owner",
                                        "-cf",
                                        tarball.toString(),
                                        "."),
                                Duration.ofMinutes(5))
                        .orThrow();
                String[] parts = base.tag().split(":");
                DockerEngine.importImage(tarball, parts[0], parts[1], "CMD [\"/bin/bash\"]");
            } finally {
                Files.deleteIfExists(tarball);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LocalCommand.run(Duration.ofMinutes(2), "rm", "-rf", rootfs.toString());
        }
    }

    private void fromImage(BaseImage base, BaseImage.FromImage source) {
        progress.accept("building " + base.tag() + " from " + source.reference());
        Path context = tempDir("faultline-base-image");
        try {
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM %s
                    RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends %s \\
                        && rm -rf /var/lib/apt/lists/*
                    """.formatted(
                            source.reference(), String.join(" ", base.packages())));
            docker.buildImageCmd(context.toFile())
                    .withTags(Set.of(base.tag()))
                    .start()
                    .awaitImageId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(context);
        }
    }

    /**
     * A jlink'ed runtime with these modules, linked once per JDK version and module list and kept under
     * {@code ~/.cache/faultline/runtime-KEY}, so a changed node jar rebuilds its image in seconds.
     */
    private Path linkedRuntime(List<String> modules) throws IOException {
        ContentHash hash = new ContentHash().add(Runtime.version().toString());
        modules.forEach(hash::add);
        Path runtime = NodeDistribution.cacheDir().resolve("runtime-" + hash.shortHex());
        if (Files.isExecutable(runtime.resolve("bin/java"))) {
            return runtime;
        }
        Files.createDirectories(runtime.getParent());
        Path partial = Files.createTempDirectory(runtime.getParent(), "runtime-partial-");
        Files.delete(partial);
        progress.accept("linking a Java runtime with " + String.join(",", modules));
        LocalCommand.run(
                        List.of(
                                jlink().toString(),
                                "--add-modules",
                                String.join(",", modules),
                                "--strip-debug",
                                "--no-header-files",
                                "--no-man-pages",
                                "--compress=zip-6",
                                "--output",
                                partial.toString()),
                        Duration.ofMinutes(5))
                .orThrow();
        Files.move(partial, runtime, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return runtime;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Removes the node images this checkout built from other inputs (older jars), keeping any that another live
     * checkout on this machine uses now ({@link ImageClaims}) or that a container still uses. Images other
     * checkouts built, and images from before checkouts were labelled, are never touched.
     */
    public List<String> pruneSuperseded(NodeImage current) {
        Set<String> keep = claims.claimedByOthers(checkout);
        List<String> removed = new ArrayList<>();
        for (var image : docker.listImagesCmd()
                .withImageNameFilter("faultline-node")
                .withLabelFilter(Map.of(CHECKOUT, checkout.id()))
                .exec()) {
            String[] tags = image.getRepoTags() == null ? new String[0] : image.getRepoTags();
            for (String tag : tags) {
                if (tag.startsWith("faultline-node:") && !tag.equals(current.tag()) && !keep.contains(tag)) {
                    try {
                        docker.removeImageCmd(tag).exec();
                        removed.add(tag);
                    } catch (RuntimeException e) {
                        // in use by a container: keep it
                    }
                }
            }
        }
        return removed;
    }

    /** jlink of the running JDK (the node runtime is linked from it), or of JAVA_HOME. */
    static Path jlink() {
        for (String home : new String[] {System.getProperty("java.home"), System.getenv("JAVA_HOME")}) {
            if (home != null && Files.isExecutable(Path.of(home, "bin", "jlink"))) {
                return Path.of(home, "bin", "jlink");
            }
        }
        throw new ImageBuildException("no jlink in " + System.getProperty("java.home")
                + " (a JRE?): run Faultline with a full JDK 21 or newer");
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static List<Outcome> append(List<Outcome> list, Outcome outcome) {
        list.add(outcome);
        return list;
    }
}
