#!/usr/bin/env bash
# Benchmarks the bundled store against etcd 3.4 on this machine, alternating runs (store, etcd, store, etcd...)
# so that both see the same background load, and prints one table row per pair with the ratio store/etcd.
#
#   ./mvnw -B -q -pl system-under-test package -DskipTests   # builds the jar and the benchmark client
#   system-under-test/bench/compare.sh                       # 4 workloads, 2 pairs each, 8 s per run
#   PAIRS=3 SECONDS_PER_RUN=8 WORKLOADS="write:16 read:16" WARMUP_SECONDS=20 system-under-test/bench/compare.sh
#   STORE_JAR=/other/faultline-node.jar system-under-test/bench/compare.sh   # another build of the store
#
# Both clusters: 3 nodes on loopback, fsync on every write (etcd always fsyncs its WAL; the store runs without
# --bug no-fsync), fresh data directories under /tmp. Both stay up for the whole session, idle when not measured.
# Before the table, one unreported 16-writer run of each (WARMUP_SECONDS, 0 for none) lets the store's JVMs
# compile their hot paths; etcd is compiled ahead of time. The client is StoreBenchmark (test classes): closed
# loop, 100 keys, requests to the leader only. Needs etcd on the PATH (Debian: apt-get install etcd-server), curl
# and a JDK 21+ (JAVA_HOME or java on the PATH).
set -euo pipefail

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
ETCD=${ETCD:-etcd}
PAIRS=${PAIRS:-2}
WORKLOADS=${WORKLOADS:-"write:16 write:1 read:16 mix:16"}
WARMUP=${WARMUP_SECONDS:-20}

command -v "$ETCD" >/dev/null || { echo "etcd not found (apt-get install etcd-server)" >&2; exit 2; }

start_store store 1800 1900
for i in 1 2 3; do
  "$ETCD" --name e$i --data-dir "$WORK/etcd/e$i" --listen-peer-urls http://127.0.0.1:1238$i \
    --initial-advertise-peer-urls http://127.0.0.1:1238$i --listen-client-urls http://127.0.0.1:1237$i \
    --advertise-client-urls http://127.0.0.1:1237$i --initial-cluster-token bench --initial-cluster-state new \
    --initial-cluster e1=http://127.0.0.1:12381,e2=http://127.0.0.1:12382,e3=http://127.0.0.1:12383 \
    >"$WORK/etcd-e$i.log" 2>&1 &
  PIDS+=($!)
done

store_leader() {
  for i in 1 2 3; do
    if curl -fsS --max-time 1 "http://127.0.0.1:1800$i/status" 2>/dev/null | grep -q '"role":"leader"'; then
      echo "http://127.0.0.1:1800$i"; return 0
    fi
  done
  return 1
}
etcd_leader() {
  for i in 1 2 3; do
    local s
    s=$(curl -fsS --max-time 1 -X POST -d '{}' "http://127.0.0.1:1237$i/v3/maintenance/status" 2>/dev/null) || continue
    local me lead
    me=$(sed -n 's/.*"member_id":"\([0-9]*\)".*/\1/p' <<<"$s")
    lead=$(sed -n 's/.*"leader":"\([0-9]*\)".*/\1/p' <<<"$s")
    if [ -n "$me" ] && [ "$me" = "$lead" ]; then echo "http://127.0.0.1:1237$i"; return 0; fi
  done
  return 1
}
wait_for store_leader
wait_for etcd_leader

# Not reported: warms the store's JIT (a store measured cold runs its first seconds much slower).
if [ "$WARMUP" -gt 0 ]; then
  SECS=$WARMUP run faultline "$(store_leader)" write 16 >/dev/null
  SECS=$WARMUP run etcd "$(etcd_leader)" write 16 >/dev/null
fi

echo "started $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"
echo
echo "| workload | pair | load avg | store ops/s (p50, p99 ms) | etcd ops/s (p50, p99 ms) | store/etcd |"
echo "|---|---|---|---|---|---|"
for w in $WORKLOADS; do
  mode=${w%%:*}; clients=${w##*:}
  for p in $(seq 1 "$PAIRS"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    read -r st s50 s99 <<<"$(run faultline "$(store_leader)" "$mode" "$clients")"
    read -r et e50 e99 <<<"$(run etcd "$(etcd_leader)" "$mode" "$clients")"
    ratio=$(ratio "$st" "$et")
    echo "| $mode, $clients clients | $p | $load | $st ($s50, $s99) | $et ($e50, $e99) | $ratio |"
  done
done
