package io.faultline.checkers.edn;

import java.util.Objects;

/**
 * An EDN symbol other than {@code nil}, {@code true} and {@code false}, e.g. {@code jepsen.history.Op} or {@code foo}.
 *
 * @param name the symbol as written
 */
public record Symbol(String name) {
    public Symbol {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
