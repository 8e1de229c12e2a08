package io.faultline.harness.run;

import io.faultline.harness.os.LocalCommand;
import java.time.Duration;

/** The code version a run was made with: the jar's version, plus the git commit when run from a checkout. */
final class Version {

    private Version() {}

    static String describe() {
        String version = Version.class.getPackage().getImplementationVersion();
        LocalCommand.Result git = LocalCommand.run(Duration.ofSeconds(2), "git", "describe", "--always", "--dirty");
        return (version == null ? "development" : version)
                + (git.ok() ? " (" + git.stdout().strip() + ")" : "");
    }
}
