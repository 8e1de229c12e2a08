package io.faultline.proxy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.proxy.BadRequestException;
import io.faultline.proxy.ProxySpec;
import io.faultline.proxy.ProxyView;
import io.faultline.proxy.Stream;
import io.faultline.proxy.Toxic;
import io.faultline.proxy.ToxicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Toxiproxy's JSON shapes, both ways: request bodies to specs (unknown fields ignored, as Toxiproxy does; a field
 * of the wrong type is a {@link BadRequestException} naming it) and views to response bodies.
 */
final class JsonWire {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonWire() {}

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException("bad request body: empty, expected JSON");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("bad request body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a request body held in memory", e);
        }
    }

    /** A proxy to create: {@code name} and {@code upstream} required, {@code enabled} true unless given. */
    static ProxySpec proxySpec(JsonNode body, String defaultListen) {
        JsonNode object = requireObject(body, "proxy");
        return new ProxySpec(
                text(object, "name", null),
                text(object, "listen", defaultListen),
                text(object, "upstream", null),
                bool(object, "enabled", true));
    }

    /** A proxy update: each of {@code listen}, {@code upstream}, {@code enabled} that is present. */
    static UnaryOperator<ProxySpec> proxyChange(JsonNode body) {
        JsonNode object = requireObject(body, "proxy");
        return current -> new ProxySpec(
                current.name(),
                text(object, "listen", current.listen()),
                text(object, "upstream", current.upstream()),
                bool(object, "enabled", current.enabled()));
    }

    /** The body of {@code POST /populate}: an array of proxies. */
    static List<ProxySpec> populate(JsonNode body, String defaultListen) {
        if (!body.isArray()) {
            throw new BadRequestException("bad request body: populate expects a JSON array of proxies");
        }
        List<ProxySpec> specs = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            try {
                specs.add(proxySpec(body.get(i), defaultListen));
            } catch (BadRequestException e) {
                throw new BadRequestException(e.getMessage() + " at proxy " + (i + 1));
            }
        }
        return specs;
    }

    /** A toxic to add: {@code type} required; stream downstream, toxicity 1, name {@code <type>_<stream>} by default. */
    static ToxicSpec toxicSpec(JsonNode body) {
        JsonNode object = requireObject(body, "toxic");
        String type = text(object, "type", "");
        Stream stream = Stream.fromWire(text(object, "stream", "downstream"));
        Toxic toxic = Toxic.of(type, attributes(object, Map.of()));
        String name = text(object, "name", type + "_" + stream.wireName());
        return new ToxicSpec(name, stream, number(object, "toxicity", 1.0), toxic);
    }

    /** A toxic update: the given attributes over the current ones, and the toxicity if given. */
    static UnaryOperator<ToxicSpec> toxicChange(JsonNode body) {
        JsonNode object = requireObject(body, "toxic");
        return current -> new ToxicSpec(
                current.name(),
                current.stream(),
                number(object, "toxicity", current.toxicity()),
                Toxic.of(
                        current.toxic().type(),
                        attributes(object, current.toxic().attributes())));
    }

    static ObjectNode proxy(ProxyView view) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", view.name());
        node.put("listen", view.listen());
        node.put("upstream", view.upstream());
        node.put("enabled", view.enabled());
        ArrayNode toxics = node.putArray("toxics");
        view.toxics().forEach(t -> toxics.add(toxic(t)));
        return node;
    }

    static ObjectNode toxic(ToxicSpec spec) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", spec.name());
        node.put("type", spec.toxic().type());
        node.put("stream", spec.stream().wireName());
        node.put("toxicity", spec.toxicity());
        ObjectNode attributes = node.putObject("attributes");
        spec.toxic().attributes().forEach(attributes::put);
        return node;
    }

    private static JsonNode requireObject(JsonNode body, String what) {
        if (!body.isObject()) {
            throw new BadRequestException("bad request body: expected a JSON object describing a " + what);
        }
        return body;
    }

    private static Map<String, Long> attributes(JsonNode object, Map<String, Long> defaults) {
        Map<String, Long> result = new LinkedHashMap<>(defaults);
        JsonNode attributes = object.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return result;
        }
        if (!attributes.isObject()) {
            throw new BadRequestException("attributes must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : attributes.properties()) {
            JsonNode value = field.getValue();
            if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToLong()) {
                throw new BadRequestException(
                        "attributes." + field.getKey() + " must be an integer, got " + value.toString());
            }
            result.put(field.getKey(), value.longValue());
        }
        return result;
    }

    private static String text(JsonNode object, String field, String fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new BadRequestException(field + " must be a string, got " + value);
        }
        return value.asText();
    }

    private static boolean bool(JsonNode object, String field, boolean fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new BadRequestException(field + " must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    private static double number(JsonNode object, String field, double fallback) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new BadRequestException(field + " must be a number, got " + value);
        }
        return value.doubleValue();
    }
}
