package io.faultline.sut.quorum;

import io.faultline.sut.json.JsonValue;
import java.util.Objects;

/** A value as a replica holds it: the value and the version of the write that made it. */
public record Versioned(Version version, JsonValue value) {

    /** What a replica holds for a key it never stored: {@link Version#ZERO} and JSON null. */
    public static final Versioned NONE = new Versioned(Version.ZERO, JsonValue.NULL);

    public Versioned {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(value, "value (JsonValue.NULL for JSON null)");
        if (version.equals(Version.ZERO) && !value.equals(JsonValue.NULL)) {
            throw new IllegalArgumentException("Version.ZERO means never written, so its value is null, got " + value);
        }
    }

    /** The newer of the two (this one when they have the same version). */
    public Versioned newest(Versioned other) {
        return other.version.isAfter(version) ? other : this;
    }

    @Override
    public String toString() {
        return value + "@" + version;
    }
}
