package io.faultline.checkers;

import java.nio.file.Path;

/**
 * Where the golden histories are: the repository's {@code testdata/} folder, which the build passes as
 * {@code -Dfaultline.testdata}; a test run from an IDE in the module's folder finds it as {@code ../testdata}.
 */
public final class TestData {

    private TestData() {}

    /** The folder {@code testdata/NAME} of the repository. */
    public static Path of(String name) {
        return Path.of(System.getProperty("faultline.testdata", "../testdata")).resolve(name);
    }
}
