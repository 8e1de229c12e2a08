package io.faultline.checkers.format;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.edn.Keyword;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.ProcessId;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/** Writes ops as Jepsen's {@code history.edn}: one EDN map per line with keyword keys and keyword type and f. */
public final class EdnHistoryWriter implements Closeable {
    private final Writer out;

    public EdnHistoryWriter(Writer out) {
        this.out = out;
    }

    public void write(Op op) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{:index ").append(op.index());
        if (op.time() >= 0) {
            sb.append(", :time ").append(op.time());
        }
        sb.append(", :type :").append(op.type().label());
        sb.append(", :process ");
        if (op.process() instanceof ProcessId.Client c) {
            sb.append(c.number());
        } else {
            sb.append(':').append(op.process());
        }
        sb.append(", :f ");
        EdnWriter.write(new Keyword(op.f()), sb);
        sb.append(", :value ");
        EdnWriter.write(op.value(), sb);
        if (op.error() != null) {
            sb.append(", :error ");
            EdnWriter.write(op.error(), sb);
        }
        if (op.node() != null) {
            sb.append(", :node ");
            EdnWriter.write(op.node(), sb);
        }
        for (Map.Entry<String, Object> e : op.extra().entrySet()) {
            sb.append(", :").append(e.getKey()).append(' ');
            EdnWriter.write(e.getValue(), sb);
        }
        sb.append("}\n");
        try {
            out.write(sb.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write op " + op.index(), e);
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
