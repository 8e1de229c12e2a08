package io.faultline.proxy.internal;

import io.faultline.proxy.Stream;
import java.util.Collection;

/**
 * Renders proxy metrics in Prometheus' text exposition format, with Toxiproxy's metric and label names for bytes
 * ({@code toxiproxy_proxy_received_bytes_total}, {@code toxiproxy_proxy_sent_bytes_total}) plus connection counts.
 */
public final class PrometheusText {

    private PrometheusText() {}

    public static String render(Collection<RunningProxy> proxies) {
        StringBuilder out = new StringBuilder();
        header(
                out,
                "toxiproxy_proxy_received_bytes_total",
                "counter",
                "Bytes read from the side a direction starts at.");
        for (RunningProxy proxy : proxies) {
            for (Stream stream : Stream.values()) {
                sample(
                        out,
                        "toxiproxy_proxy_received_bytes_total",
                        proxy,
                        stream,
                        proxy.metrics().direction(stream).receivedBytes());
            }
        }
        header(out, "toxiproxy_proxy_sent_bytes_total", "counter", "Bytes written to the side a direction ends at.");
        for (RunningProxy proxy : proxies) {
            for (Stream stream : Stream.values()) {
                sample(
                        out,
                        "toxiproxy_proxy_sent_bytes_total",
                        proxy,
                        stream,
                        proxy.metrics().direction(stream).sentBytes());
            }
        }
        header(out, "toxiproxy_proxy_connections_total", "counter", "Client connections accepted.");
        for (RunningProxy proxy : proxies) {
            sample(
                    out,
                    "toxiproxy_proxy_connections_total",
                    proxy,
                    null,
                    proxy.metrics().connectionsTotal());
        }
        header(out, "toxiproxy_proxy_active_connections", "gauge", "Client connections open now.");
        for (RunningProxy proxy : proxies) {
            sample(out, "toxiproxy_proxy_active_connections", proxy, null, proxy.activeConnections());
        }
        return out.toString();
    }

    private static void header(StringBuilder out, String metric, String type, String help) {
        out.append("# HELP ").append(metric).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(metric).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String metric, RunningProxy proxy, Stream stream, long value) {
        out.append(metric).append('{');
        if (stream != null) {
            label(out, "direction", stream.wireName()).append(',');
        }
        label(out, "listener", proxy.listen()).append(',');
        label(out, "proxy", proxy.name()).append(',');
        label(out, "upstream", proxy.upstream());
        out.append("} ").append(value).append('\n');
    }

    private static StringBuilder label(StringBuilder out, String name, String value) {
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return out.append(name).append("=\"").append(escaped).append('"');
    }
}
