package example.faultline.redis;

import io.faultline.api.HostPort;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a Redis node runs: Debian's {@code redis-server} in the foreground, serving clients on the node's client port,
 * its append-only file in the node's data directory and fsynced before every reply, its log in
 * {@code redis.log} there. Node {@code n1} is the primary, which every client uses.
 *
 * <p>With replicas, every other node is a replica of n1 ({@code --replicaof}): a replica dials the primary at its
 * client address as the nodes reach one another, {@link NodeContext#clients()}, on either runtime.
 */
final class RedisProgram implements NodeProgram {

    /** The primary: the node every client talks to. */
    static final String PRIMARY = "n1";

    private final boolean replicas;

    RedisProgram(boolean replicas) {
        this.replicas = replicas;
    }

    @Override
    public List<String> command(NodeContext node) {
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                "--port", Integer.toString(node.clientPort()),
                "--bind", node.bindHost(),
                "--protected-mode", "no",
                "--daemonize", "no",
                "--dir", node.dataDir(),
                "--logfile", RedisDb.LOG_FILE,
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "always"));
        if (replicas && !node.id().equals(PRIMARY)) {
            HostPort primary = primaryAddress(node);
            command.addAll(List.of("--replicaof", primary.host(), Integer.toString(primary.port())));
        }
        return List.copyOf(command);
    }

    /** Where a replica reaches the primary: n1's client address on the nodes' own network. */
    static HostPort primaryAddress(NodeContext node) {
        return node.clients().get(PRIMARY);
    }

    @Override
    public Optional<ImageRecipe> image() {
        return Optional.of(ImageRecipe.debian("redis", List.of("redis-server")));
    }

    /** A replica dials the primary's advertised host, never a per-link address, so link faults do not apply. */
    @Override
    public boolean dialsGivenPeers() {
        return false;
    }

    /** Ready once it answers PING: a port that accepts connections may still be loading its append-only file. */
    @Override
    public boolean ready(HostPort client, Duration within) {
        return Resp.pong(client.host(), client.port(), within);
    }
}
