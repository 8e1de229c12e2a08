package io.faultline.harness.db;

import io.faultline.api.Db;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The databases by name: the bundled store, the in-memory fake, and any {@link Db.DbProvider} on the classpath. */
public final class Dbs {

    private Dbs() {}

    public static Map<String, Db.DbProvider> all() {
        Map<String, Db.DbProvider> byName = new LinkedHashMap<>();
        byName.put("faultline-store", new Db.DbProvider() {
            @Override
            public String name() {
                return "faultline-store";
            }

            @Override
            public Db create(List<String> bugs) {
                return new BundledStore(bugs);
            }

            @Override
            public Db create(List<String> bugs, Map<String, String> options) {
                return BundledStore.create(bugs, options);
            }
        });
        byName.put("in-memory", provider("in-memory", bugs -> {
            if (!bugs.isEmpty()) {
                throw new IllegalArgumentException(
                        "the in-memory db has no known-wrong modes, so --bug does not apply");
            }
            return new InMemoryDb();
        }));
        for (Db.DbProvider p : ServiceLoader.load(Db.DbProvider.class)) {
            byName.put(p.name(), p);
        }
        return byName;
    }

    public static Db create(String name, List<String> bugs) {
        return create(name, bugs, Map.of());
    }

    /** The db {@code name} with known-wrong modes and {@code --db-opt} settings; unknown names are refused. */
    public static Db create(String name, List<String> bugs, Map<String, String> options) {
        Db.DbProvider provider = all().get(name);
        if (provider == null) {
            throw new IllegalArgumentException(
                    "unknown db '" + name + "': expected one of " + String.join(", ", all().keySet()));
        }
        return provider.create(bugs, options);
    }

    private static Db.DbProvider provider(String name, java.util.function.Function<List<String>, Db> factory) {
        return new Db.DbProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Db create(List<String> bugs) {
                return factory.apply(bugs);
            }
        };
    }
}
