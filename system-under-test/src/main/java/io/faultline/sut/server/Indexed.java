package io.faultline.sut.server;

import java.util.OptionalLong;

/**
 * An engine's answer with its place in the engine's log, when the engine has one: for a write the index of its
 * committed entry, for a read the applied index it was served at. The HTTP API shows it as {@code "index"}; a
 * client keeps the highest it saw as its session's token (see {@link ReadMode#SEQUENTIAL}).
 */
public record Indexed<T>(T value, OptionalLong index) {

    public static <T> Indexed<T> at(T value, long index) {
        return new Indexed<>(value, OptionalLong.of(index));
    }

    /** An answer of an engine without a log position to give. */
    public static <T> Indexed<T> unplaced(T value) {
        return new Indexed<>(value, OptionalLong.empty());
    }
}
