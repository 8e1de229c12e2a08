package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The harness's view of a node's health endpoint, and waiting for it. */
final class Health {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Health() {}

    /**
     * What "ready" means for a node: the bundled node's {@code GET /health}, or a db's own
     * {@link io.faultline.api.NodeProgram#ready}.
     *
     * @param expectation what a ready node does, for the message when it does not ("answer GET /health")
     */
    record Probe(String expectation, java.util.function.BiPredicate<HostPort, Duration> ready) {}

    /** The bundled node's health check. */
    static final Probe BUNDLED = new Probe("answer GET /health", (address, within) -> healthy(address));

    static boolean healthy(HostPort address) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(address.http("/health"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls until the node is healthy; throws naming the node and the time waited otherwise. */
    static void await(
            NodeId id,
            java.util.function.Supplier<HostPort> address,
            Duration timeout,
            java.util.function.BooleanSupplier stillAlive,
            java.util.function.Supplier<String> logs) {
        await(id, address, timeout, stillAlive, logs, BUNDLED);
    }

    /** Polls {@code probe} until the node is ready; throws naming the node, what it did not do and its last output. */
    static void await(
            NodeId id,
            java.util.function.Supplier<HostPort> address,
            Duration timeout,
            java.util.function.BooleanSupplier stillAlive,
            java.util.function.Supplier<String> logs,
            Probe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!stillAlive.getAsBoolean()) {
                throw new NodeStartException(id + " exited while starting; its last output:\n" + tail(logs.get()));
            }
            if (probe.ready().test(address.get(), Duration.ofSeconds(1))) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeStartException("interrupted while waiting for " + id + " to become healthy");
            }
        }
        throw new NodeStartException(id + " did not " + probe.expectation() + " within " + timeout
                + "; its last output:\n" + tail(logs.get()));
    }

    private static String tail(String log) {
        var lines = log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
