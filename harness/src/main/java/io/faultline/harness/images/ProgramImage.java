package io.faultline.harness.images;

import io.faultline.api.ImageRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The image a db's own node program runs in on the containers runtime, built from an
 * {@link ImageRecipe.DebianPackages} recipe: the {@link BaseImage} with the recipe's packages apt-installed (from
 * Debian's mirror, inside {@code docker build}) and its files added, tagged {@code faultline-NAME:<hash of the base's
 * key and the recipe>}, so it is built once and found again while neither changes. Labelled like the node image
 * (ours, its key, the checkout that built it). A program's data directory ({@code /var/lib/faultline/data}) exists
 * in it and is its working directory.
 */
public record ProgramImage(BaseImage base, ImageRecipe.DebianPackages recipe) {

    /** Names the harness's own images use: a recipe may not take them (pruning node images would remove it). */
    public static final Set<String> RESERVED = Set.of("base", "node", "prometheus", "proxy", "toxiproxy-lookalike");

    /** Where a program keeps its data inside its container (the harness's {@code ContainerNode.DATA_DIR}). */
    static final String DATA_DIR = "/var/lib/faultline/data";

    public ProgramImage {
        if (RESERVED.contains(recipe.name())) {
            throw new IllegalArgumentException("the image name '" + recipe.name() + "' is the harness's own"
                    + " (faultline-" + recipe.name() + "); a db's image takes another name");
        }
    }

    /** The recipe on the default base. */
    public static ProgramImage of(ImageRecipe.DebianPackages recipe) {
        return new ProgramImage(BaseImage.defaultImage(), recipe);
    }

    /** The Dockerfile; file {@code i} of the recipe is {@code file-i} in the build context. */
    String dockerfile() {
        StringBuilder text = new StringBuilder("FROM " + base.tag() + "\n");
        if (!recipe.packages().isEmpty()) {
            text.append("RUN apt-get update \\\n"
                            + "    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ")
                    .append(String.join(" ", recipe.packages()))
                    .append(
                            " \\\n    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb\n");
        }
        List<String> modes = new ArrayList<>();
        for (int i = 0; i < recipe.files().size(); i++) {
            ImageRecipe.ImageFile file = recipe.files().get(i);
            text.append("COPY file-").append(i).append(' ').append(file.path()).append('\n');
            modes.add("chmod " + (file.executable() ? "0755 " : "0644 ") + file.path());
        }
        modes.add("mkdir -p " + DATA_DIR);
        text.append("RUN ").append(String.join(" && ", modes)).append('\n');
        text.append("WORKDIR ").append(DATA_DIR).append('\n');
        return text.toString();
    }

    public String key() {
        ContentHash hash = new ContentHash().add(base.key()).add(dockerfile());
        recipe.files().forEach(f -> hash.add(f.path()).add(f.content()).add(Boolean.toString(f.executable())));
        return hash.shortHex();
    }

    public String tag() {
        return "faultline-" + recipe.name() + ":" + key();
    }
}
