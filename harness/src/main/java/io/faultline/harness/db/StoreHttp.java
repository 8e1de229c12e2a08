package io.faultline.harness.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP exchange with the bundled store, classified by what it says about the operation's fate. A
 * {@code not-leader} answer is followed to the leader it names, once. Shared by the store's clients, which turn an
 * {@link Answer} into a {@link Completion} by their own rules.
 */
final class StoreHttp implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** What one request came to. */
    sealed interface Answer {
        /** The store did it; {@code body} is its whole answer. */
        record Ok(JsonNode body) implements Answer {}

        /** The store answered with an error; {@code definite} means it certainly did not do it. */
        record Refusal(String error, boolean definite, JsonNode body) implements Answer {}

        /** The connection was refused: nothing was sent. */
        record NotSent(String why) implements Answer {}

        /** Timed out, lost the connection or got an unreadable answer: the request may or may not have taken effect. */
        record Unknown(String why) implements Answer {}
    }

    private final ClusterView cluster;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    StoreHttp(ClusterView cluster) {
        this.cluster = cluster;
    }

    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Whether the node at {@code client} answers {@code GET /health} with 200 within {@code within}. */
    static boolean answersHealth(io.faultline.api.HostPort client, Duration within) {
        try {
            return PROBE.send(
                                    HttpRequest.newBuilder(client.http("/health"))
                                            .timeout(within)
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Sends the request {@code build} makes for a node's base URI-maker to {@code target}, following a not-leader
     * answer to the leader it names once.
     */
    Answer call(String target, Function<Function<String, URI>, HttpRequest.Builder> build) throws InterruptedException {
        Answer answer = once(target, build);
        if (answer instanceof Answer.Refusal r && r.error().equals("not-leader")) {
            String leader = leaderOf(r.body());
            if (leader != null && !leader.equals(target)) {
                return once(leader, build);
            }
        }
        return answer;
    }

    /** Sends the request to {@code target} only, whatever it answers. */
    Answer once(String target, Function<Function<String, URI>, HttpRequest.Builder> build) throws InterruptedException {
        HttpRequest request = build.apply(path -> cluster.clientAddress(target).http(path))
                .timeout(REQUEST_TIMEOUT)
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return new Answer.NotSent("connection refused by " + target);
        } catch (HttpTimeoutException e) {
            return new Answer.Unknown("timeout at " + target);
        } catch (IOException e) {
            return new Answer.Unknown("connection to " + target + " lost: " + e.getMessage());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return new Answer.Unknown("unreadable answer from " + target + ": " + e.getMessage());
        }
        if (body.path("ok").asBoolean(false)) {
            return new Answer.Ok(body);
        }
        return new Answer.Refusal(
                body.path("error").asText("unknown"), body.path("definite").asBoolean(false), body);
    }

    private static @Nullable String leaderOf(JsonNode body) {
        return body.path("leader").isTextual() ? body.path("leader").asText() : null;
    }

    /** A request with a JSON body. */
    static HttpRequest.Builder json(URI uri, String method, JsonNode body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    /** JSON numbers as Long, null as null, strings as strings, anything else as its JSON text. */
    static @Nullable Object plain(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
