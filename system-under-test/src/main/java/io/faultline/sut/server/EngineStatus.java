package io.faultline.sut.server;

import io.faultline.sut.node.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * What any engine says of a node: its role among the engine's {@code roles}, the leader or primary it knows of
 * (none for a leaderless engine), the members, and the engine's own numbers (a Raft term and indexes, a quorum
 * store's pending operations) as gauges. {@code GET /status} shows each gauge under its {@code field} name and
 * {@code GET /metrics} as {@code faultline_ENGINE_METRIC}.
 */
public record EngineStatus(
        NodeId node,
        String engine,
        String role,
        List<String> roles,
        Optional<NodeId> leader,
        List<NodeId> members,
        List<Gauge> gauges) {

    public EngineStatus {
        roles = List.copyOf(roles);
        members = List.copyOf(members);
        gauges = List.copyOf(gauges);
    }

    /** One number of the engine: {@code field} in the status JSON, {@code faultline_ENGINE_metric} in metrics. */
    public record Gauge(String field, String metric, String help, long value) {}

    /** The gauge named {@code field}, if the engine has one. */
    public Optional<Long> gauge(String field) {
        return gauges.stream()
                .filter(g -> g.field().equals(field))
                .map(Gauge::value)
                .findFirst();
    }
}
