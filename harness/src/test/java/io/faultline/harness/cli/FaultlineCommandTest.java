package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class FaultlineCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FaultlineCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void help_lists_every_subcommand_with_a_one_line_description() {
        int exit = run("--help");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("images  Build the node images (no registry needed).")
                .contains("doctor  Report what this machine can do, and how to fix what is missing.");
        out.toString()
                .lines()
                .filter(l -> l.matches("^  [a-z]+  .*"))
                .forEach(l -> assertThat(l.length()).as("one short line: %s", l).isLessThanOrEqualTo(100));
    }

    @Test
    void an_unknown_subcommand_exits_254_and_prints_the_usage() {
        int exit = run("bogus");

        assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("'bogus'").contains("Usage: faultline");
    }

    @Test
    void no_subcommand_at_all_is_bad_usage_too() {
        assertThat(run()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("a subcommand is required").contains("Usage: faultline");
    }

    @Test
    void an_unknown_option_of_a_subcommand_names_the_option() {
        assertThat(run("images", "--frobnicate")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--frobnicate").contains("Usage: faultline images");
    }
}
