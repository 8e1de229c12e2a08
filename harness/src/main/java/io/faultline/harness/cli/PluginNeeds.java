package io.faultline.harness.cli;

import io.faultline.api.Db;
import io.faultline.api.HostPort;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.harness.cli.DoctorCommand.Finding;
import io.faultline.harness.cluster.ProgramNeeds;
import io.faultline.harness.db.Dbs;
import io.faultline.harness.images.ProgramImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What each installed database with its own node program needs, for {@code doctor}: on local processes the programs
 * it names ({@link NodeProgram#needs()}, or its command's first word), on containers its image.
 */
final class PluginNeeds {

    private PluginNeeds() {}

    /** One finding per db with a node program; {@code imagePresent} tells whether a local image exists. */
    static List<Finding> findings(Predicate<String> imagePresent) {
        List<Finding> findings = new ArrayList<>();
        for (Db.DbProvider provider : Dbs.all().values()) {
            Db db;
            try {
                db = provider.create(List.of());
            } catch (RuntimeException e) {
                findings.add(new Finding(
                        false,
                        "db " + provider.name(),
                        "cannot be made with no settings: " + e.getMessage(),
                        "see the plugin's documentation"));
                continue;
            }
            if (db.nodes() instanceof NodeSetup.Program(NodeProgram program)) {
                findings.add(finding(db.name(), program, imagePresent));
            }
        }
        return findings;
    }

    static Finding finding(String db, NodeProgram program, Predicate<String> imagePresent) {
        List<String> needs = needs(program);
        List<String> missing = ProgramNeeds.missing(needs);
        String processes = missing.isEmpty()
                ? "processes: " + String.join(", ", needs) + " found"
                : "processes: " + String.join(", ", missing) + " missing";
        String containers = switch (program.image().orElse(null)) {
            case null -> "containers: no image (local processes only)";
            case ImageRecipe.DebianPackages debian -> {
                String tag = ProgramImage.of(debian).tag();
                yield "containers: " + tag + " from Debian packages " + String.join(" ", debian.packages())
                        + (imagePresent.test(tag) ? "" : " (not built yet: the first run builds it)");
            }
            case ImageRecipe.LocalImage local ->
                imagePresent.test(local.tag())
                        ? "containers: image " + local.tag()
                        : "containers: image " + local.tag() + " missing";
        };
        boolean imageMissing =
                program.image().orElse(null) instanceof ImageRecipe.LocalImage local && !imagePresent.test(local.tag());
        return new Finding(
                missing.isEmpty() && !imageMissing,
                "db " + db,
                processes + "; " + containers,
                missing.isEmpty()
                        ? "the image " + program.image().map(Object::toString).orElse("") + " must be built or loaded"
                        : "install " + String.join(", ", missing) + " on this machine (for --runtime processes)");
    }

    /** The program's needs, or its command's first word for a node laid out as n1 of one. */
    static List<String> needs(NodeProgram program) {
        NodeContext sample = new NodeContext(
                "n1",
                "processes",
                "127.0.0.1",
                1,
                2,
                "/nonexistent",
                Map.of("n1", new HostPort("127.0.0.1", 2)),
                Map.of());
        return ProgramNeeds.of(program, sample);
    }
}
