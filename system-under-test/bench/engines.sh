#!/usr/bin/env bash
# Benchmarks the bundled node's engines side by side on this machine: a 3-node Raft cluster (the baseline) and a
# 3-node quorum cluster, both on loopback with fsync on every acknowledged write, runs alternating (raft, quorum,
# raft, quorum...) so that both see the same background load; one table row per pair with the ratio quorum/raft.
#
#   ./mvnw -B -q -pl system-under-test package -DskipTests   # builds the jar and the benchmark client
#   system-under-test/bench/engines.sh                       # 3 workloads, 2 pairs each, 8 s per run
#   PAIRS=3 SECONDS_PER_RUN=8 WORKLOADS="write:16 read:16" WARMUP_SECONDS=20 system-under-test/bench/engines.sh
#
# Raft takes requests at its leader (reads by ReadIndex); the quorum store at node n1, which coordinates every
# operation (majority quorums, reads with write-back). The client is StoreBenchmark (test classes): closed loop,
# 100 keys. Needs curl and a JDK 21+ (JAVA_HOME or java on the PATH).
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
PAIRS=${PAIRS:-2}
WORKLOADS=${WORKLOADS:-"write:16 read:16 mix:16"}
WARMUP=${WARMUP_SECONDS:-20}

start_store raft 1800 1900
start_store quorum 1810 1910 --engine quorum

raft_leader() {
  for i in 1 2 3; do
    if curl -fsS --max-time 1 "http://127.0.0.1:1800$i/status" 2>/dev/null | grep -q '"role":"leader"'; then
      echo "http://127.0.0.1:1800$i"; return 0
    fi
  done
  return 1
}
quorum_node() { # n1, once a write through it succeeds (a majority of replicas answers)
  curl -fsS --max-time 1 -X PUT -d '{"value":0}' "http://127.0.0.1:18101/kv/warm" >/dev/null 2>&1 \
    && echo "http://127.0.0.1:18101"
}
wait_for raft_leader
wait_for quorum_node

# Not reported: warms both clusters' JITs (a JVM measured cold runs its first seconds much slower).
if [ "$WARMUP" -gt 0 ]; then
  SECS=$WARMUP run faultline "$(raft_leader)" mix 16 >/dev/null
  SECS=$WARMUP run faultline "$(quorum_node)" mix 16 >/dev/null
fi

echo "started $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"
echo
echo "| workload | pair | load avg | raft ops/s (p50, p99 ms) | quorum ops/s (p50, p99 ms) | quorum/raft |"
echo "|---|---|---|---|---|---|"
for w in $WORKLOADS; do
  mode=${w%%:*}; clients=${w##*:}
  for p in $(seq 1 "$PAIRS"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r rt r50 r99 <<<"$(run faultline "$(raft_leader)" "$mode" "$clients")"
    read -r qt q50 q99 <<<"$(run faultline "$(quorum_node)" "$mode" "$clients")"
    echo "| $mode, $clients clients | $p | $load | $rt ($r50, $r99) | $qt ($q50, $q99) | $(ratio "$qt" "$rt") |"
  done
done
