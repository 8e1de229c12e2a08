package io.faultline.checkers.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.faultline.checkers.edn.Keyword;
import io.faultline.checkers.edn.Symbol;
import io.faultline.checkers.edn.Tagged;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.ProcessId;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

/**
 * Writes ops as JSON Lines, one object per line, flushed per op so a crash loses at most the line being written.
 * JSON has no keywords or sets: keywords and symbols are written as strings, sets as arrays.
 */
public final class JsonLinesWriter implements Closeable {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Writer out;

    public JsonLinesWriter(Writer out) {
        this.out = out;
    }

    public void write(Op op) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("index", op.index());
            if (op.time() >= 0) {
                g.writeNumberField("time", op.time());
            }
            g.writeStringField("type", op.type().label());
            if (op.process() instanceof ProcessId.Client c) {
                g.writeNumberField("process", c.number());
            } else {
                g.writeStringField("process", op.process().toString());
            }
            g.writeStringField("f", op.f());
            g.writeFieldName("value");
            value(g, op.value());
            if (op.error() != null) {
                g.writeFieldName("error");
                value(g, op.error());
            }
            if (op.node() != null) {
                g.writeStringField("node", op.node());
            }
            for (Map.Entry<String, Object> e : op.extra().entrySet()) {
                g.writeFieldName(e.getKey());
                value(g, e.getValue());
            }
            g.writeEndObject();
            g.close();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write op " + op.index(), e);
        }
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Keyword k -> g.writeString(k.name());
            case Symbol s -> g.writeString(s.name());
            case Character c -> g.writeString(c.toString());
            case Boolean b -> g.writeBoolean(b);
            case Long l -> g.writeNumber(l);
            case Integer i -> g.writeNumber(i);
            case Double d -> g.writeNumber(d);
            case java.math.BigInteger b -> g.writeNumber(b);
            case java.math.BigDecimal b -> g.writeNumber(b);
            case Tagged t -> value(g, t.value());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(OpFields.name(e.getKey()));
                    value(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Collection<?> c -> {
                g.writeStartArray();
                for (Object x : c) {
                    value(g, x);
                }
                g.writeEndArray();
            }
            default -> g.writeString(v.toString());
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
