#!/usr/bin/env bash
# One Release façade in front of the bench's fixed backend, loaded by wrk, for trying one change or
# one runtime knob at a time: prints req/s, p99, the façade's CPU µs per request and its peak RSS.
#   bash bench/one-facade.sh [Legacy|Canary|Service|Shadow] [VAR=value ...]
# e.g. bash bench/one-facade.sh Legacy DOTNET_gcServer=0
# STRANGLER_FACADE=<path to Strangler.Facade.dll> among the settings runs another build of the façade.
# With STRANGLER_PROFILE=<file> set, dotnet-trace (`dotnet tool restore` installs it) samples the façade's
# CPU over the measured 6 s and writes <file>.speedscope.json; `dotnet run -c Release --project
# bench/Strangler.Bench -- frames <file>.speedscope.json` prints its top frames.
# Needs wrk, and `dotnet build -c Release Strangler.sln` first. Ports 7101 and 7102 on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-Legacy}
case "$mode" in Legacy|Canary|Service|Shadow) ;; *) echo "mode must be Legacy, Canary, Service or Shadow; got '$mode'" >&2; exit 2 ;; esac
shift || true
settings=()
facade=proxy/Strangler.Facade/bin/Release/net10.0/Strangler.Facade.dll
for setting in "$@"; do
  [[ "$setting" == *=* ]] || { echo "'$setting' is not VAR=value" >&2; exit 2; }
  # STRANGLER_FACADE=<path to Strangler.Facade.dll> runs another build (a ReadyToRun publish, say).
  if [[ "$setting" == STRANGLER_FACADE=* ]]; then facade=${setting#*=}; else settings+=("$setting"); fi
done
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
bench=bench/Strangler.Bench/bin/Release/net10.0/Strangler.Bench.dll
[ -f "$bench" ] && [ -f "$facade" ] || { echo "build first: dotnet build -c Release Strangler.sln" >&2; exit 2; }

work=$(mktemp -d); mkdir -p "$work/facade"
dotnet "$bench" backend --port 7101 > "$work/backend.log" 2>&1 & backend=$!
env ${settings[@]+"${settings[@]}"} dotnet "$facade" --contentRoot="$work/facade" --urls=http://127.0.0.1:7102 --environment=Production \
  --Strangler:DefaultCluster=fixed --Strangler:Clusters:fixed:Destinations:0=http://127.0.0.1:7101 \
  --Strangler:Clusters:fixed-b:Destinations:0=http://127.0.0.1:7101 --Strangler:Capabilities:fixed:Routes:0:Path=/fixed \
  --Strangler:Capabilities:fixed:Legacy=fixed --Strangler:Capabilities:fixed:Service=fixed-b \
  --Strangler:Capabilities:fixed:InitialState:Mode="$mode" --Strangler:Capabilities:fixed:InitialState:Percentage=50 \
  --Strangler:FlagStore:SqlitePath="$work/flags.db" --Serilog:MinimumLevel:Default=Warning > "$work/facade.log" 2>&1 & pid=$!
trap 'kill $pid $backend 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:7102/fixed && break; sleep 0.2; done
wrk -t2 -c32 -d8s http://127.0.0.1:7102/fixed > /dev/null   # warm-up: tiered JIT settles in a few seconds
if [ -n "${STRANGLER_PROFILE:-}" ]; then
  dotnet tool run dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration 00:00:00:07 --format speedscope \
    -o "$STRANGLER_PROFILE.nettrace" > "$work/trace.log" 2>&1 & tracer=$!
  for _ in $(seq 100); do grep -q "Process" "$work/trace.log" 2>/dev/null && break; sleep 0.1; done
fi
read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
out=$(wrk -t2 -c32 -d6s --latency http://127.0.0.1:7102/fixed)
read -r u2 s2 < <(awk '{print $14, $15}' "/proc/$pid/stat")
if [ -n "${STRANGLER_PROFILE:-}" ]; then
  wait "$tracer" || { cat "$work/trace.log" >&2; exit 1; }
  rm -f "$STRANGLER_PROFILE.nettrace"
fi
requests=$(awk '/requests in/ {print $1}' <<< "$out")
ticks=$(getconf CLK_TCK)
awk -v out="$out" -v req="$requests" -v cpu="$((u2 + s2 - u1 - s1))" -v tck="$ticks" -v hwm="$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" -v mode="$mode" 'BEGIN {
  split(out, lines, "\n"); for (i in lines) { n = split(lines[i], f, " "); if (f[1] == "Requests/sec:") rps = f[2]; if (f[1] == "99%") p99 = f[2] }
  printf "%s: %s req/s, p99 %s, façade %.1f µs CPU per request, peak RSS %.0f MiB\n", mode, rps, p99, cpu / tck * 1e6 / req, hwm / 1024 }'
