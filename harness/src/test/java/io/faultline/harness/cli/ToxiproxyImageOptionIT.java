package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.faultline.harness.docker.RequiresDocker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --toxiproxy-image} on containers when the image is nowhere to be had: a quick, clear refusal. */
@RequiresDocker
class ToxiproxyImageOptionIT {

    @TempDir
    Path store;

    @Test
    void an_absent_image_that_cannot_be_pulled_fails_the_run_at_once_naming_the_image() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String image = "faultline-no-such-toxiproxy:absent";

        int exit = assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> FaultlineCommand.execute(
                        new String[] {
                            "test",
                            "--runtime",
                            "containers",
                            "--nemesis",
                            "link-partition",
                            "--nodes",
                            "3",
                            "--time-limit",
                            "2s",
                            "--toxiproxy-image",
                            image,
                            "--store",
                            store.toString()
                        },
                        new PrintWriter(out, true),
                        new PrintWriter(err, true)),
                "a missing image must not make the run wait for minutes");

        assertThat(exit).as("%s%s", out, err).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString())
                .contains("the Toxiproxy image cannot be used: image " + image + " is not present and cannot be"
                        + " pulled (the engine says: ")
                .contains("docker pull " + image);
        assertThat(out.toString()).as("no node was started").doesNotContain("running register");
    }
}
