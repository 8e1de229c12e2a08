package io.faultline.suites.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.api.HostPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * etcd's v3 API through its JSON gateway ({@code POST /v3/kv/range}, {@code /v3/kv/put}, {@code /v3/kv/txn}): the
 * same protobuf messages as gRPC, as JSON, keys and values in base64. Each call ends in one of three ways, which is
 * all a client needs to map it to ok, fail or info: an answer, a refusal before anything was sent, or silence.
 */
final class EtcdGateway implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** How one call ended. */
    sealed interface Reply {
        /** etcd answered 200 with this body. */
        record Answer(JsonNode body) implements Reply {}

        /** etcd answered with an error (gRPC status as JSON): it may have applied a write all the same. */
        record Error(int status, String message) implements Reply {}

        /** The connection was refused: the request was never sent. */
        record NotSent(String why) implements Reply {}

        /** A timeout or a lost connection after the request may have been sent: nobody knows. */
        record Unknown(String why) implements Reply {}
    }

    private final HttpClient http;
    private final Duration timeout;

    EtcdGateway(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    Reply call(HostPort node, String path, ObjectNode body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(node.http(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            if (response.statusCode() == 200 && !answer.has("error")) {
                return new Reply.Answer(answer);
            }
            String message = answer.has("message")
                    ? answer.get("message").asText()
                    : answer.path("error").asText("HTTP " + response.statusCode());
            return new Reply.Error(response.statusCode(), message);
        } catch (ConnectException e) {
            return new Reply.NotSent("connection refused by " + node);
        } catch (HttpTimeoutException e) {
            return new Reply.Unknown("no answer from " + node + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Reply.Unknown("lost the connection to " + node + ": " + e);
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static @Nullable String text(@Nullable JsonNode base64) {
        if (base64 == null || base64.isNull()) {
            return null;
        }
        return new String(Base64.getDecoder().decode(base64.asText()), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }
}
