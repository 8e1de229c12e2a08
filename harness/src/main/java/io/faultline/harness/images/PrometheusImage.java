package io.faultline.harness.images;

/**
 * The image the monitoring stack runs Prometheus from: the {@link BaseImage} plus Debian's {@code prometheus} package,
 * built locally because no registry may be reachable. Its tag is a hash of the base and of this recipe, so it is built
 * once and found again afterwards.
 */
public record PrometheusImage(BaseImage base) {

    /** The server binary the Debian package installs (the image's entrypoint). */
    public static final String BINARY = "/usr/bin/prometheus";

    public static PrometheusImage defaultImage() {
        return new PrometheusImage(BaseImage.defaultImage());
    }

    /**
     * The recipe. Debian's package pulls in the JavaScript its classic web UI uses; moment-timezone's per-zone data
     * (about 210 MB, unused by that UI, which loads the bundled {@code moment-timezone-with-data} file) is removed in
     * the same layer, as are apt's lists and cache.
     */
    String dockerfile() {
        return """
                FROM %s
                RUN apt-get update \\
                    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus \\
                    && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb \\
                        /usr/share/javascript/moment-timezone/data /usr/share/doc /usr/share/man
                ENTRYPOINT ["%s"]
                """.formatted(base.tag(), BINARY);
    }

    public String key() {
        return new ContentHash().add(base.key()).add(dockerfile()).shortHex();
    }

    public String tag() {
        return "faultline-prometheus:" + key();
    }
}
