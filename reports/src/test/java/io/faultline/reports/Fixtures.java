package io.faultline.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real runs under {@code src/test/resources/runs}, copied where a test may write into them. */
final class Fixtures {
    /** A valid bank run without faults. */
    static final String VALID = "bank-none/20261128T020523.651";
    /** A register run whose history does not linearize (one read returns a value never written). */
    static final String INVALID = "register-invalid/20261128T030000.000";
    /** A register run with a partition and a clock bump applied together, healed separately; verdict unknown. */
    static final String FAULTS = "register-skew-isolate-primary/20261128T023151.851";

    /** A hand-written multi-register history of two keys: key 0 linearizes, key 1 reads a value never written. */
    static final String KEYS = "multi-register-keys/20261128T031500.000";

    private Fixtures() {}

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/runs").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the fixture store (or one run of it) under {@code target}, returning the copy. */
    static Path copy(String run, Path target) {
        Path from = root().resolve(run);
        Path to = target.resolve(run);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
