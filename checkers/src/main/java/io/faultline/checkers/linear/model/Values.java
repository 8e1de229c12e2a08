package io.faultline.checkers.linear.model;

import io.faultline.checkers.edn.Keyword;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How models compare values read from different formats: a keyword equals the string of its name. */
final class Values {
    private Values() {}

    static @Nullable Object normal(@Nullable Object v) {
        if (v instanceof Keyword k) {
            return k.name();
        }
        if (v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    static boolean same(@Nullable Object a, @Nullable Object b) {
        return Objects.equals(normal(a), normal(b));
    }

    /** The name of an f or a micro-op's function, whether keyword or string. */
    static @Nullable String name(@Nullable Object v) {
        return switch (v) {
            case Keyword k -> k.name();
            case String s -> s;
            case null, default -> null;
        };
    }
}
