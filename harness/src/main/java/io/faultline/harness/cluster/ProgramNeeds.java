package io.faultline.harness.cluster;

import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.harness.os.LocalCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a db's {@link NodeProgram} needs on this machine to run as local processes: {@link NodeProgram#needs()}, or
 * by default its command's first word. A name is looked up on the {@code PATH}; a path must exist (a program must be
 * executable).
 */
public final class ProgramNeeds {

    private ProgramNeeds() {}

    /** The needs of {@code program} laid out as {@code node}. */
    public static List<String> of(NodeProgram program, NodeContext node) {
        return program.needs().isEmpty() ? List.of(program.command(node).getFirst()) : program.needs();
    }

    /** The needs this machine does not meet. */
    public static List<String> missing(List<String> needs) {
        return needs.stream().filter(need -> !met(need)).toList();
    }

    private static boolean met(String need) {
        if (!need.contains("/")) {
            return LocalCommand.onPath(need);
        }
        Path path = Path.of(need);
        return Files.isDirectory(path) || Files.isExecutable(path);
    }
}
