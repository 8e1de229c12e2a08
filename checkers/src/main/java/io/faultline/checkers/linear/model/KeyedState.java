package io.faultline.checkers.linear.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * An immutable map from keys to values, small and cheap to copy, with a cached hash: the state of the keyed models.
 * A key whose value equals the default is not stored, so equal maps have one representation.
 */
public final class KeyedState {
    static final KeyedState EMPTY = new KeyedState(new Object[0], new Object[0]);

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Comparator<Object> KEY_ORDER = (a, b) -> {
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
            return ca.compareTo(b);
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    };

    private final Object[] keys;
    private final Object[] values;
    private final int hash;

    private KeyedState(Object[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(keys) + Arrays.hashCode(values);
    }

    Object get(Object key, Object dflt) {
        int i = Arrays.binarySearch(keys, key, KEY_ORDER);
        return i >= 0 ? values[i] : dflt;
    }

    KeyedState with(Object key, Object value, Object dflt) {
        int i = Arrays.binarySearch(keys, key, KEY_ORDER);
        boolean remove = Objects.equals(value, dflt);
        if (i >= 0) {
            if (remove) {
                Object[] k = new Object[keys.length - 1];
                Object[] v = new Object[keys.length - 1];
                System.arraycopy(keys, 0, k, 0, i);
                System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
                System.arraycopy(values, 0, v, 0, i);
                System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
                return new KeyedState(k, v);
            }
            Object[] v = values.clone();
            v[i] = value;
            return new KeyedState(keys, v);
        }
        if (remove) {
            return this;
        }
        int at = -i - 1;
        Object[] k = new Object[keys.length + 1];
        Object[] v = new Object[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(keys, at, k, at + 1, keys.length - at);
        System.arraycopy(values, 0, v, 0, at);
        System.arraycopy(values, at, v, at + 1, keys.length - at);
        k[at] = key;
        v[at] = value;
        return new KeyedState(k, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyedState s
                && s.hash == hash
                && Arrays.equals(s.keys, keys)
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Nil.show(keys[i])).append(' ').append(Nil.show(values[i]));
        }
        return sb.append('}').toString();
    }
}
