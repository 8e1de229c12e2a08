package io.faultline.proxy;

import java.util.Objects;

/**
 * A named toxic on one stream of a proxy, applied to each connection with probability {@code toxicity} (rolled
 * once per connection when the toxic takes effect on it).
 *
 * @param name unique within its proxy (both streams)
 * @param stream the direction it acts on
 * @param toxicity the probability, between 0 and 1, that it applies to a given connection
 * @param toxic what it does
 */
public record ToxicSpec(String name, Stream stream, double toxicity, Toxic toxic) {

    public ToxicSpec {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(toxic, "toxic");
        if (name == null || name.isEmpty()) {
            throw new BadRequestException("missing required field: name (of the toxic)");
        }
        ProxyLimits.requireName("name of the toxic", name);
        if (name.contains("/")) {
            throw new BadRequestException("name must not contain '/', got \"" + name + "\"");
        }
        if (!(toxicity >= 0 && toxicity <= 1)) {
            throw new BadRequestException("toxicity must be between 0 and 1, got " + toxicity);
        }
    }

    /** A toxic applied to every connection, named as Toxiproxy names it by default: {@code <type>_<stream>}. */
    public static ToxicSpec of(Stream stream, Toxic toxic) {
        return new ToxicSpec(toxic.type() + "_" + stream.wireName(), stream, 1.0, toxic);
    }

    public ToxicSpec withToxicity(double newToxicity) {
        return new ToxicSpec(name, stream, newToxicity, toxic);
    }

    public ToxicSpec withToxic(Toxic newToxic) {
        return new ToxicSpec(name, stream, toxicity, newToxic);
    }
}
