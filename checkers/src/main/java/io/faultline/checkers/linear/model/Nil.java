package io.faultline.checkers.linear.model;

import io.faultline.checkers.edn.EdnWriter;
import org.jspecify.annotations.Nullable;

/** Stands in for a nil value inside model states, which must be non-null. */
enum Nil {
    NIL;

    static Object wrap(@Nullable Object v) {
        return v == null ? NIL : v;
    }

    static @Nullable Object unwrap(Object v) {
        return v == NIL ? null : v;
    }

    static String show(@Nullable Object v) {
        return EdnWriter.write(v == NIL ? null : v);
    }
}
