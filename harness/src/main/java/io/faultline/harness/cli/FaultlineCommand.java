package io.faultline.harness.cli;

import io.faultline.harness.docker.DockerUnavailableException;
import io.faultline.harness.images.ImageBuildException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./faultline}: the command line. */
@Command(
        name = "faultline",
        mixinStandardHelpOptions = true,
        versionProvider = FaultlineCommand.Version.class,
        description = "A Jepsen-style fault-injection test harness for the JVM.",
        subcommands = {
            TestCommand.class,
            TestAllCommand.class,
            AnalyzeCommand.class,
            io.faultline.checkers.cli.CheckCommand.class,
            ImagesCommand.class,
            DoctorCommand.class,
            CleanCommand.class,
            ClusterCommand.class,
            ProxyCommand.class,
            ServeCommand.class
        },
        footer = {
            "",
            "Exit codes: 0 valid/success, 1 invalid, 2 unknown, 3 a client rule broken (test, test-all), 254 bad"
                    + " arguments or unreadable input, 255 failure."
        })
public final class FaultlineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and for main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FaultlineCommand());
        cli.setUsageHelpWidth(120);
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println(cmd.getColorScheme().errorText("faultline: " + ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            cmd.usage(err);
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof DockerUnavailableException || ex instanceof ImageBuildException) {
                err.println("faultline " + cmd.getCommandName() + ": " + ex.getMessage());
            } else if (ex instanceof IllegalArgumentException
                    || ex instanceof io.faultline.checkers.format.HistoryFormatException) {
                err.println("faultline " + cmd.getCommandName() + ": " + ex.getMessage());
                return ExitCodes.BAD_INPUT;
            } else {
                err.println("faultline " + cmd.getCommandName() + " crashed: " + ex);
                ex.printStackTrace(err);
            }
            return ExitCodes.CRASH;
        });
        return cli;
    }

    /** The version from the jar's manifest, or "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FaultlineCommand.class.getPackage().getImplementationVersion();
            return new String[] {"faultline " + (version == null ? "development" : version)};
        }
    }
}
