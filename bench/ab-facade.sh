#!/usr/bin/env bash
# Two façade set-ups side by side, run in turn (A B A B ...) so that a noisy machine's drift hits both
# alike: A is the façade as shipped, B the same with the settings given. Prints every run, then the
# medians, B/A, and the median of the paired differences (B minus the A run just before it).
#   bash bench/ab-facade.sh <Legacy|Canary|Service|Shadow> <runs, 1-20> VAR=value [VAR=value ...]
# e.g. bash bench/ab-facade.sh Legacy 8 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0
# Each run is bench/one-facade.sh (about 16 s); needs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}; runs=${2:-}
case "$mode" in Legacy|Canary|Service|Shadow) ;; *) echo "mode must be Legacy, Canary, Service or Shadow; got '$mode'" >&2; exit 2 ;; esac
[[ "$runs" =~ ^[0-9]+$ ]] && (( runs >= 1 && runs <= 20 )) || { echo "runs must be a whole number from 1 to 20; got '$runs'" >&2; exit 2; }
shift 2
(( $# > 0 )) || { echo "give B's settings as VAR=value" >&2; exit 2; }
for setting in "$@"; do [[ "$setting" == *=* ]] || { echo "'$setting' is not VAR=value" >&2; exit 2; }; done

results=$(mktemp); trap 'rm -f "$results"' EXIT
for i in $(seq "$runs"); do
  for side in A B; do
    if [ "$side" = A ]; then line=$(bash bench/one-facade.sh "$mode"); else line=$(bash bench/one-facade.sh "$mode" "$@"); fi
    echo "run $i $side  $line"
    # "<mode>: <rps> req/s, p99 <n><unit>, façade <cpu> µs CPU per request, peak RSS <rss> MiB"
    awk -v side="$side" '{ p99 = $5; sub(/,$/, "", p99); unit = p99; sub(/^[0-9.]+/, "", unit); v = p99 + 0; if (unit == "us") v /= 1000; if (unit == "s") v *= 1000;
      print side, $2, v, $7, $(NF-1) }' <<< "$line" >> "$results"
  done
done
awk -v settings="$*" '
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  { if ($1 == "A") { na++; ar[na] = $2; ap[na] = $3; ac[na] = $4; am[na] = $5 } else { nb++; br[nb] = $2; bp[nb] = $3; bc[nb] = $4; bm[nb] = $5; dc[nb] = $4 - ac[nb]; dp[nb] = $3 - ap[nb] } }
  END {
    r1 = median(ar, na); r2 = median(br, nb); p1 = median(ap, na); p2 = median(bp, nb); c1 = median(ac, na); c2 = median(bc, nb); m1 = median(am, na); m2 = median(bm, nb)
    printf "\nB = %s; medians over %d runs each\n", settings, na
    printf "%-22s %12s %12s %8s\n", "", "A", "B", "B/A"
    printf "%-22s %12.0f %12.0f %7.2fx\n", "req/s", r1, r2, r2 / r1
    printf "%-22s %12.2f %12.2f %7.2fx\n", "p99 ms", p1, p2, p2 / p1
    printf "%-22s %12.1f %12.1f %7.2fx\n", "CPU us per request", c1, c2, c2 / c1
    printf "%-22s %12.0f %12.0f %7.2fx\n", "peak RSS MiB", m1, m2, m2 / m1
    printf "paired differences (B - A), median: CPU %+.1f us per request, p99 %+.2f ms\n", median(dc, nb), median(dp, nb) }' "$results"
