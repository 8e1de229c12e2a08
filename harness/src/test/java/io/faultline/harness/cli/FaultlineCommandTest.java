package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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
        String help = out.toString();
        List<String> commands = help.lines()
                .dropWhile(l -> !l.equals("Commands:"))
                .skip(1)
                .takeWhile(l -> !l.isBlank())
                .toList();
        assertThat(commands)
                .as("one line per subcommand: name, then its description")
                .allMatch(l -> l.matches("^  [a-z-]+ {2,}\\S.*"))
                .extracting(l -> l.trim().split(" ")[0])
                .containsExactly(
                        "test",
                        "test-all",
                        "analyze",
                        "check",
                        "images",
                        "doctor",
                        "clean",
                        "cluster",
                        "proxy",
                        "serve");
        assertThat(help)
                .contains(
                        "images    Build the node images and the Prometheus image of --grafana (no registry needed).");
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
