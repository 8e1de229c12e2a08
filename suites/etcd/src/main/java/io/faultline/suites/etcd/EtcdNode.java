package io.faultline.suites.etcd;

import io.faultline.api.HostPort;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One etcd member, Debian's {@code etcd-server} package (etcd 3.4): on local processes the {@code etcd} on this
 * machine's PATH, in containers an image built from that package. The members bootstrap from a static
 * {@code --initial-cluster}; a member restarted after a kill finds its data directory and rejoins, ignoring it.
 *
 * <p>etcd dials its peers at the URLs they advertise, and derives the cluster's and members' ids from those URLs, so
 * every member must see the same list: it cannot dial a peer through a per-link proxy. Link faults are therefore
 * refused for etcd; partitions cut packets with iptables instead.
 */
final class EtcdNode implements NodeProgram {

    static final String PACKAGE = "etcd-server";

    @Override
    public List<String> command(NodeContext node) {
        String advertiseHost = node.self().host();
        String initialCluster = node.members().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + url(e.getValue()))
                .collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(
                "etcd",
                "--name",
                node.id(),
                "--data-dir",
                node.dataDir() + "/etcd",
                "--listen-client-urls",
                "http://" + node.bindHost() + ":" + node.clientPort(),
                "--advertise-client-urls",
                "http://" + advertiseHost + ":" + node.clientPort(),
                "--listen-peer-urls",
                "http://" + node.bindHost() + ":" + node.peerPort(),
                "--initial-advertise-peer-urls",
                url(node.self()),
                "--initial-cluster",
                initialCluster,
                "--initial-cluster-state",
                "new",
                "--initial-cluster-token",
                "faultline",
                "--logger",
                "zap",
                "--log-outputs",
                "stderr"));
        return command;
    }

    @Override
    public Optional<ImageRecipe> image() {
        return Optional.of(ImageRecipe.debian("etcd", List.of(PACKAGE)));
    }

    @Override
    public boolean dialsGivenPeers() {
        return false;
    }

    private static String url(HostPort peer) {
        return "http://" + peer.host() + ":" + peer.port();
    }
}
