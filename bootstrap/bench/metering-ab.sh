#!/usr/bin/env bash
# Before/after metering comparison that machine drift cannot skew (docs/performance.md "Sixth session").
#
# Usage: bootstrap/bench/metering-ab.sh <jar A> <jar B> [rounds]   (rounds default 10)
#   env: JIT_WARMUP (seconds, 60), WINDOW (measured seconds per turn, 10), CLIENTS (16)
#
# Sets up two complete metering-bench.sh stacks side by side (PostgreSQL + service each, 1,000 users
# with the same lots, JIT warm-up), one after the other, then takes turns: in each round A and B get the
# same HTTP load (CLIENTS clients, 3 s unmeasured, then WINDOW s measured) one after the other, the
# order alternating (ABBA…), while the other stack idles. A host that speeds up or slows down over the
# sitting moves both alike within a round, so the per-round ratio B/A is the measurement; its median
# and the mean of each side are printed. Both stacks are stopped, and verify-ledger run on each, at the end.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
A=$(readlink -f "$1")
B=$(readlink -f "$2")
ROUNDS=${3:-10}
WINDOW=${WINDOW:-10}
CLIENTS=${CLIENTS:-16}
LOAD=(java -Dclk.tck="$(getconf CLK_TCK)" "$HERE/MeteringLoad.java")
DIR_A=$(mktemp -d /tmp/creditline-ab-a.XXXX)
DIR_B=$(mktemp -d /tmp/creditline-ab-b.XXXX)
trap 'touch "$DIR_A/stop" "$DIR_B/stop"; wait' EXIT
serve() { # dir jar pgport appport
  PGPORT=$3 APPPORT=$4 SERVE_DIR=$1 BENCH_JAR=$2 JIT_WARMUP=${JIT_WARMUP:-60} \
    "$HERE/metering-bench.sh" >"$1/log" 2>&1 &
  until [ -e "$1/ready" ]; do
    sleep 1
    if ! kill -0 $! 2>/dev/null; then echo "setup of $2 failed:"; tail -20 "$1/log"; exit 1; fi
  done
}
echo "setting up A ($A) ..."
serve "$DIR_A" "$A" 55441 18441
echo "setting up B ($B) ..."
serve "$DIR_B" "$B" 55442 18442
turn() { # dir label -> req/s
  local port secret users app pg out
  read -r port secret users app pg <"$1/ready"
  out=$("${LOAD[@]}" load "$port" "$secret" "$users" "$CLIENTS" 3 "$WINDOW" "$2" "$app" "$pg")
  set -- $out
  echo "$4 $8 $9 ${10}"
}
printf '%-6s %10s %10s %7s   %s\n' round "A req/s" "B req/s" "B/A" "CPU ms/req A | B (load service PostgreSQL)"
RA=(); RB=()
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then a=$(turn "$DIR_A" a); b=$(turn "$DIR_B" b); else b=$(turn "$DIR_B" b); a=$(turn "$DIR_A" a); fi
  set -- $a; ra=$1; ca="$2 $3 $4"
  set -- $b; rb=$1; cb="$2 $3 $4"
  RA+=("$ra"); RB+=("$rb")
  printf '%-6s %10s %10s %7s   %s | %s\n' "$r" "$ra" "$rb" "$(awk -v a="$ra" -v b="$rb" 'BEGIN {printf "%.2f", b / a}')" "$ca" "$cb"
done
printf '%s\n' "${RA[@]}" >"$DIR_A/rps"; printf '%s\n' "${RB[@]}" >"$DIR_B/rps"
paste "$DIR_A/rps" "$DIR_B/rps" | awk '{print $2 / $1}' | sort -g >"$DIR_A/ratios"
n=$(wc -l <"$DIR_A/ratios")
median=$(awk -v n="$n" '{r[NR] = $1} END {printf "%.2f", (n % 2) ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2}' "$DIR_A/ratios")
paste "$DIR_A/rps" "$DIR_B/rps" | awk -v med="$median" -v lo="$(head -1 "$DIR_A/ratios")" -v hi="$(tail -1 "$DIR_A/ratios")" '
  {sa += $1; sb += $2}
  END {printf "mean A %.0f req/s, mean B %.0f req/s, mean B / mean A %.2f; median of the round ratios B/A %s (min %.2f, max %.2f)\n",
       sa / NR, sb / NR, sb / sa, med, lo, hi}'
touch "$DIR_A/stop" "$DIR_B/stop"
wait
for d in "$DIR_A" "$DIR_B"; do echo "$(basename "$d"): $(grep -A2 'verify-ledger:' "$d/log" | tail -2 | tr '\n' ' ')"; done
trap - EXIT
rm -rf "$DIR_A" "$DIR_B"
