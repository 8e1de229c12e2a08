# Shared by the benchmark scripts in this folder (sourced, not run): the JDK and jars, a work directory removed on
# exit with every process started, starting a 3-node cluster of the bundled node, waiting for a condition, and one
# closed-loop StoreBenchmark run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR=${STORE_JAR:-$ROOT/system-under-test/target/faultline-node.jar}
CP=$ROOT/system-under-test/target/test-classes
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SECS=${SECONDS_PER_RUN:-8}
STORE_JAVA_OPTS=${STORE_JAVA_OPTS:-}
WORK=$(mktemp -d /tmp/faultline-bench.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$JAR" ] && [ -d "$CP/io/faultline/sut/bench" ] || { echo "build first: ./mvnw -B -q -pl system-under-test package -DskipTests" >&2; exit 2; }

start_store() { # $1 name, $2 http port prefix (e.g. 1800), $3 peer port prefix (1900), then node flags
  local name=$1 http=$2 peer=$3; shift 3
  for i in 1 2 3; do
    local peers
    peers=$(for j in 1 2 3; do if [ $j != $i ]; then printf "n$j=127.0.0.1:$peer$j,"; fi; done | sed 's/,$//')
    # shellcheck disable=SC2086
    "$JAVA" $STORE_JAVA_OPTS -jar "$JAR" --id n$i --http-port "$http$i" --peer-port "$peer$i" --peers "$peers" \
      --data-dir "$WORK/$name/n$i" "$@" >"$WORK/$name-n$i.log" 2>&1 &
    PIDS+=($!)
  done
}

wait_for() { # $1: function printing a URL to send requests to once the cluster serves
  local deadline=$((SECONDS + 30))
  until "$1" >/dev/null; do
    [ $SECONDS -lt $deadline ] || { echo "nothing from $1 within 30 s; logs in $WORK" >&2; exit 1; }
    sleep 0.2
  done
}

run() { # $1 api (faultline|etcd), $2 url, $3 mode, $4 clients -> "throughput p50 p99"
  "$JAVA" -cp "$CP" io.faultline.sut.bench.StoreBenchmark "$1" "$2" "$3" "$4" "$SECS" \
    | sed -n 's/.*throughput=\([0-9.]*\)\/s p50=\([0-9.]*\)ms p99=\([0-9.]*\)ms.*/\1 \2 \3/p'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
