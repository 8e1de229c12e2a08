package io.faultline.harness.docker;

/** What a reachable Docker engine says of itself. */
public record EngineInfo(String endpoint, String version, String apiVersion, String hostName) {

    /** True when the engine runs on the machine this JVM runs on (same host name), not on another host. */
    public boolean onThisHost() {
        return hostName.equals(Leftovers.hostname());
    }

    /** True when the engine speaks at least the given API version, such as {@code "1.44"}. */
    public boolean supportsApi(String wanted) {
        return compare(apiVersion, wanted) >= 0;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
