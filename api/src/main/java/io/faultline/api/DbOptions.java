package io.faultline.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A db's {@code --db-opt key=value} settings, checked the same way for every plugin: a key the db does not take and
 * a value it does not know are refused with {@link IllegalArgumentException}, naming the db, the key and what it
 * takes.
 *
 * <pre>{@code
 * DbOptions settings = DbOptions.of("etcd", options, "reads");
 * boolean serializable = settings.choice("reads", "linearizable", "linearizable", "serializable").equals("serializable");
 * }</pre>
 */
public final class DbOptions {

    private final Map<String, String> options;

    private DbOptions(Map<String, String> options) {
        this.options = Map.copyOf(options);
    }

    /** The settings of {@code db}, refusing any key not among {@code keys}. */
    public static DbOptions of(String db, Map<String, String> options, String... keys) {
        Set<String> known = Set.of(keys);
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException("the db " + db + " has no setting '" + key + "' ("
                        + (keys.length == 0 ? "it takes none" : "it takes: " + String.join(", ", keys)) + ")");
            }
        }
        return new DbOptions(options);
    }

    /** Refuses {@code --bug} switches for a db that has none, with {@code hint} saying what it has instead. */
    public static void refuseBugs(String db, List<String> bugs, String hint) {
        if (!bugs.isEmpty()) {
            throw new IllegalArgumentException("the db " + db + " has no --bug switches (" + String.join(", ", bugs)
                    + " cannot apply)" + (hint.isEmpty() ? "" : "; " + hint));
        }
    }

    /** The value of {@code key}, or {@code defaultValue}; refused unless one of {@code allowed}. */
    public String choice(String key, String defaultValue, String... allowed) {
        String value = options.getOrDefault(key, defaultValue);
        if (!Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException(
                    "--db-opt " + key + " is " + alternatives(allowed) + ", not '" + value + "'");
        }
        return value;
    }

    /** {@code true} or {@code false}, or {@code defaultValue} when the key is not set. */
    public boolean flag(String key, boolean defaultValue) {
        return choice(key, Boolean.toString(defaultValue), "true", "false").equals("true");
    }

    private static String alternatives(String... allowed) {
        if (allowed.length == 1) {
            return allowed[0];
        }
        return String.join(", ", Arrays.copyOf(allowed, allowed.length - 1)) + " or " + allowed[allowed.length - 1];
    }
}
