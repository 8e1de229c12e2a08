package io.faultline.sut.server;

import java.util.concurrent.atomic.AtomicLong;

/** Counters a node exposes in Prometheus text format at {@code GET /metrics}. */
public final class Metrics {

    private final AtomicLong writesOk = new AtomicLong();
    private final AtomicLong writesFailed = new AtomicLong();
    private final AtomicLong readsServed = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong syncs = new AtomicLong();
    private final AtomicLong elections = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong httpRequests = new AtomicLong();
    private final AtomicLong snapshots = new AtomicLong();
    private final AtomicLong localReads = new AtomicLong();

    void readServedLocally() {
        localReads.incrementAndGet();
    }

    void snapshotTaken() {
        snapshots.incrementAndGet();
    }

    void writeOk() {
        writesOk.incrementAndGet();
    }

    void writeFailed() {
        writesFailed.incrementAndGet();
    }

    void readServed() {
        readsServed.incrementAndGet();
    }

    void applied() {
        applied.incrementAndGet();
    }

    void synced() {
        syncs.incrementAndGet();
    }

    void leaderElected() {
        elections.incrementAndGet();
    }

    void messagesSent(int n) {
        sent.addAndGet(n);
    }

    void messageReceived() {
        received.incrementAndGet();
    }

    void httpRequest() {
        httpRequests.incrementAndGet();
    }

    String render(EngineStatus status) {
        StringBuilder out = new StringBuilder();
        counter(out, "faultline_writes_ok_total", "Client writes acknowledged.", writesOk.get());
        counter(out, "faultline_writes_failed_total", "Client writes answered with an error.", writesFailed.get());
        counter(
                out,
                "faultline_reads_served_total",
                "Reads served (Raft: linearizable reads after ReadIndex).",
                readsServed.get());
        counter(
                out,
                "faultline_entries_applied_total",
                "Log entries (Raft) or replica updates (other engines) applied.",
                applied.get());
        counter(out, "faultline_storage_syncs_total", "Engine loop rounds that synced storage.", syncs.get());
        counter(out, "faultline_leader_elections_total", "Times this node became leader or primary.", elections.get());
        counter(out, "faultline_peer_messages_sent_total", "Engine messages sent to peers.", sent.get());
        counter(out, "faultline_peer_messages_received_total", "Engine messages received.", received.get());
        counter(out, "faultline_http_requests_total", "HTTP requests received.", httpRequests.get());
        counter(
                out,
                "faultline_reads_local_total",
                "Reads served from local state without ReadIndex (a lease, or the stale-reads or split-brain bug).",
                localReads.get());
        counter(out, "faultline_snapshots_total", "Snapshots this node took of its state.", snapshots.get());
        for (EngineStatus.Gauge g : status.gauges()) {
            gauge(out, "faultline_" + status.engine() + "_" + g.metric(), g.help(), g.value());
        }
        String role = "faultline_" + status.engine() + "_role";
        out.append("# HELP ")
                .append(role)
                .append(" Current role (1 for the role this node has).\n")
                .append("# TYPE ")
                .append(role)
                .append(" gauge\n");
        for (String r : status.roles()) {
            out.append(role)
                    .append("{role=\"")
                    .append(r)
                    .append("\"} ")
                    .append(status.role().equals(r) ? 1 : 0)
                    .append('\n');
        }
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(name).append(' ').append(value).append('\n');
    }
}
