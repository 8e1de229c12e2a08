package example.faultline.redis;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.HostPort;
import io.faultline.workloads.generator.Invocation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The register workloads against one Redis node: {@code read} is {@code GET}, {@code write} is {@code SET}, and
 * {@code cas [from to]} is a Lua script that sets the key only if it holds {@code from}. Each op maps to exactly one
 * command, sent once: never retried here, since a retried write could take effect twice.
 *
 * <p>How a response becomes a completion:
 *
 * <ul>
 *   <li>no connection (refused, no route, unknown host, or no connection within the connect timeout): {@code fail},
 *       with a {@link ConnectException}-typed error, because nothing was sent;
 *   <li>sent, then a timeout, a reset, a closed connection or a garbled reply: {@code info}, because the server
 *       may have applied the command;
 *   <li>an error reply ({@code -READONLY}, {@code -LOADING}, {@code -OOM}, ...): {@code fail}, because Redis
 *       refuses these before the command runs (the cas script writes last, so it cannot fail half-way);
 *   <li>{@code cas} that found another value: {@code fail}; anything else: {@code ok}.
 * </ul>
 *
 * <p>One exception: to the checker a failed {@code cas} says "the register did not hold {@code from}", which only a
 * mismatch shows. A cas that did not happen for another reason (no connection, an error reply) is therefore
 * {@code info}: it did not happen, and the checker may place it nowhere.
 */
final class RedisClient implements Client {

    /** The Lua compare-and-set: 1 when the key held ARGV[1] and now holds ARGV[2], else 0. */
    static final String CAS = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " redis.call('SET', KEYS[1], ARGV[2]) return 1 else return 0 end";

    private final ClusterView cluster;
    private final String node;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private Socket socket;
    private InputStream input;

    /**
     * Connects lazily, at the first op: opening a client changes nothing and sends nothing.
     *
     * @param readTimeout how long to wait for a reply; keep it under the harness's {@code --op-timeout} (5 s by
     *     default) so that this client, not the harness, decides that the op is unknown
     */
    RedisClient(ClusterView cluster, String node, Duration connectTimeout, Duration readTimeout) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.node = Objects.requireNonNull(node, "node");
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    public Completion invoke(Invocation op) {
        String key = "register-" + op.extra().getOrDefault("key", 0);
        String[] command;
        switch (op.f()) {
            case "read" -> command = new String[] {"GET", key};
            case "write" -> command = new String[] {"SET", key, String.valueOf(op.value())};
            case "cas" -> {
                List<?> pair = (List<?>) op.value();
                command = new String[] {
                    "EVAL", CAS, "1", key, String.valueOf(pair.get(0)), String.valueOf(pair.get(1))
                };
            }
            default -> {
                return Completion.fail("the redis client serves read, write and cas, not " + op.f());
            }
        }
        Socket connection;
        try {
            connection = connection();
        } catch (ConnectException | NoRouteToHostException | UnknownHostException e) {
            return notDone(op, e);
        } catch (SocketTimeoutException e) {
            return notDone(op, new ConnectException(
                    "no connection to " + node + " within " + connectTimeout.toMillis() + " ms"));
        } catch (IOException | RuntimeException e) {
            // RuntimeException: the harness knows no address for a node that is down; nothing was sent either way.
            return notDone(op, new ConnectException("cannot connect to " + node + ": " + e));
        }
        Resp.Reply reply;
        try {
            OutputStream out = connection.getOutputStream();
            out.write(Resp.command(command));
            out.flush();
            reply = Resp.read(input);
        } catch (IOException e) {
            close();
            return Completion.info(e);
        }
        return complete(op, reply);
    }

    /** An op that certainly did not happen: {@code fail}, but {@code info} for a cas (see the class comment). */
    static Completion notDone(Invocation op, Object why) {
        return op.f().equals("cas")
                ? Completion.info("not done (a cas that did not happen for another reason than a mismatch): " + why)
                : Completion.fail(why);
    }

    /** The completion for a reply that did arrive. */
    static Completion complete(Invocation op, Resp.Reply reply) {
        if (reply instanceof Resp.Error error) {
            return notDone(op, "redis refused " + op.f() + ": " + error.message());
        }
        return switch (op.f()) {
            case "read" -> read(reply);
            case "write" ->
                reply.equals(new Resp.Simple("OK"))
                        ? Completion.ok(op.value())
                        : Completion.info("SET answered " + reply + ", not +OK");
            default ->
                switch (reply) {
                    case Resp.Int i when i.value() == 1 -> Completion.ok(op.value());
                    case Resp.Int i when i.value() == 0 -> Completion.fail("cas-mismatch");
                    default -> Completion.info("the cas script answered " + reply + ", not 0 or 1");
                };
        };
    }

    private static Completion read(Resp.Reply reply) {
        if (reply instanceof Resp.Bulk bulk) {
            if (bulk.text() == null) {
                return Completion.ok(null);
            }
            try {
                return Completion.ok(Long.parseLong(bulk.text()));
            } catch (NumberFormatException e) {
                // A read changes nothing, so failing one is always safe.
                return Completion.fail("GET answered '" + bulk.text() + "', which the register never wrote");
            }
        }
        return Completion.fail("GET answered " + reply + ", not a bulk string");
    }

    private Socket connection() throws IOException {
        if (socket == null) {
            HostPort address = cluster.clientAddress(node);
            Socket fresh = new Socket();
            try {
                fresh.connect(new InetSocketAddress(address.host(), address.port()), millis(connectTimeout));
                fresh.setSoTimeout(millis(readTimeout));
                fresh.setTcpNoDelay(true);
                input = new BufferedInputStream(fresh.getInputStream());
            } catch (IOException e) {
                fresh.close();
                throw e;
            }
            socket = fresh;
        }
        return socket;
    }

    private static int millis(Duration d) {
        return (int) Math.clamp(d.toMillis(), 1, Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection may fail; it is dropped all the same
            }
            socket = null;
            input = null;
        }
    }
}
