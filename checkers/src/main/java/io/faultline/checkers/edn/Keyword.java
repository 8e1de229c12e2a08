package io.faultline.checkers.edn;

import java.util.Objects;

/**
 * An EDN keyword such as {@code :ok} or {@code :jepsen/nemesis}, held without its leading colon.
 *
 * @param name the keyword's text after the colon, namespace included ({@code "jepsen/nemesis"})
 */
public record Keyword(String name) implements Comparable<Keyword> {
    public Keyword {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a keyword needs a name after ':'");
        }
    }

    public static Keyword of(String name) {
        return new Keyword(name);
    }

    @Override
    public int compareTo(Keyword o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return ":" + name;
    }
}
