package io.faultline.sut.kv;

import io.faultline.sut.json.JsonValue;

/** What applying a command or query produced. */
public sealed interface Outcome {

    /** It took effect; {@code value} is what a read saw ({@code null} JSON for a plain write). */
    record Done(JsonValue value) implements Outcome {}

    /** A compare-and-set whose expected value was not there: it definitely did not take effect. */
    record CasMismatch(JsonValue current) implements Outcome {}
}
