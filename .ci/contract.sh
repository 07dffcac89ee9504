#!/usr/bin/env bash
# The contract test: every endpoint of a crate generated with `--sample-check` sent through the
# crate's `Client` to Stoplight Prism mocking SuperOffice's Swagger specs (one instance per spec
# on 127.0.0.1), each answer decoded into the endpoint's type; first with Prism inventing
# responses from the schemas (`-d --seed 1`), then with the specs' own examples (static mode).
# Fails on any endpoint that did not pass unless .ci/contract-prism-artifacts.txt lists it with
# the spec fact that makes the failure Prism's (checked by .ci/contract/judge.py).
#
# Usage: .ci/contract.sh [CRATE [SPECS]]
#   CRATE  the generated crate (default target/corpus-check/superoffice-api), built here with
#          `cargo build --release --offline` into $CARGO_TARGET_DIR (default target/corpus-check)
#   SPECS  the folder with Swagger-v1-REST.json and Swagger-v1-Agents.json
#          (default ../shared/corpus/swagger-2023)
# CONTRACT_JOBS sets the requests in flight per Prism instance (default 8). The reports of the
# last run are kept in $CARGO_TARGET_DIR/contract/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
crate=$(cd "${1:-target/corpus-check/superoffice-api}" && pwd)
specs=$(cd "${2:-../shared/corpus/swagger-2023}" && pwd)
here=$root/.ci/contract
artifacts=$root/.ci/contract-prism-artifacts.txt
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target/corpus-check}
# The reports of the last run stay here (the check's lines, the judge's, Prism's logs).
out=$CARGO_TARGET_DIR/contract
mkdir -p "$out"

work=$(mktemp -d)
pids=()
stop_prism() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap 'stop_prism; cp "$work"/*.txt "$work"/*.log "$out"/ 2>/dev/null || true; rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "contract test: npm is required (Node.js)"; exit 1; }
echo "-- npm ci (Prism, pinned by .ci/contract/package-lock.json)"
# No install scripts: the only one is a usage-analytics ping of a dependency.
(cd "$here" && SCARF_ANALYTICS=false npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
prism=$here/node_modules/.bin/prism
echo "prism $("$prism" --version)"

echo "-- cargo build --release --example contract_check"
(cd "$crate" && cargo build --release --quiet --offline --all-features --example contract_check)
check=$CARGO_TARGET_DIR/release/examples/contract_check

# The specs as Prism serves them: security requirements split into alternatives (judge.py says
# why).
for spec in REST Agents; do
    python3 "$here/judge.py" spec "$specs/Swagger-v1-$spec.json" "$work/$spec.json"
done

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_prism NAME PORT ARGS...: starts Prism in the background and records its pid.
start_prism() {
    local name=$1 port=$2
    shift 2
    "$prism" mock -h 127.0.0.1 -p "$port" -v warn "$@" >"$work/prism-$name.log" 2>&1 &
    pids+=("$!")
}

# wait_listening PORT PID: until Prism answers on PORT (at most 120 s, and only while it runs).
wait_listening() {
    local port=$1 pid=$2 waited=0
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "Prism on port $port exited:"
            tail -20 "$work"/prism-*.log
            return 1
        fi
        if [ "$waited" -ge 120 ]; then
            echo "Prism on port $port did not listen within 120 s"
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

failed=0
# run_mode NAME PRISM_ARGS...: both specs served with PRISM_ARGS, every endpoint sent, judged.
run_mode() {
    local mode=$1
    shift
    local rest_port agents_port start
    rest_port=$(free_port)
    agents_port=$(free_port)
    while [ "$agents_port" = "$rest_port" ]; do agents_port=$(free_port); done
    start=$(date +%s)
    start_prism "rest-$mode" "$rest_port" "$@" "$work/REST.json"
    start_prism "agents-$mode" "$agents_port" "$@" "$work/Agents.json"
    wait_listening "$rest_port" "${pids[0]}"
    wait_listening "$agents_port" "${pids[1]}"
    echo "Prism ($mode) listening after $(($(date +%s) - start)) s"
    local status=0
    "$check" --rest "http://127.0.0.1:$rest_port" --agents "http://127.0.0.1:$agents_port" \
        --jobs "${CONTRACT_JOBS:-8}" >"$work/$mode.txt" || status=$?
    stop_prism
    # 0: every endpoint passed; 1: some did not (judged below); anything else: the check broke.
    if [ "$status" -gt 1 ]; then
        cat "$work/$mode.txt"
        echo "contract check ($mode) failed to run (exit $status)"
        exit 1
    fi
    grep '^note: ' "$work/$mode.txt" || true
    echo "$(grep '^CONTRACT ' "$work/$mode.txt" || echo 'no CONTRACT line') ($mode, $(($(date +%s) - start)) s)"
    python3 "$here/judge.py" check "$artifacts" "$specs/Swagger-v1-REST.json" \
        "$specs/Swagger-v1-Agents.json" <"$work/$mode.txt" >"$work/$mode-judged.txt" || failed=1
    grep -v -e "^prism artifact " -e "^known defect " "$work/$mode-judged.txt" || true
}

echo "-- Prism inventing responses from the schemas (mock -d --seed 1)"
run_mode dynamic -d --seed 1
echo "-- Prism answering with the specs' examples (static mode)"
run_mode static

if [ "$failed" -ne 0 ]; then
    echo "contract test failed: fix the client, or list a Prism artifact in .ci/contract-prism-artifacts.txt with its spec fact"
    exit 1
fi
echo "contract test passed"
