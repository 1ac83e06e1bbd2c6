#!/usr/bin/env bash
# Measures what a user waits for, on a real process: `diagnose attach` until it returns (the agent is ready), and
# from starting `diagnose probe add` to the first probe line the target prints (the probe's value is the target's
# clock when it fired, so the line carries its own time). Needs out/ (build/build.sh).
#   build/latency.sh [runs] [target executable]     e.g. build/latency.sh 7 out/targets/sample-net8/Sample
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${DIAGNOSE_OUT:-$root/out}"
runs=${1:-7}
app=${2:-$out/targets/sample/Sample}
work=$(mktemp -d /tmp/diagnose-latency.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
ms() { date +%s%3N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for run in $(seq "$runs"); do
  "$app" --serve --period 1 >"$work/target.out" 2>&1 &
  pid=$!
  sleep 1
  t0=$(ms)
  "$out/diagnose" attach "$pid" >/dev/null
  echo "attach $(($(ms) - t0))" >>"$work/times"
  sleep 0.5
  for k in 1 2 3; do
    lines=$(wc -l <"$work/target.out")
    t0=$(ms)
    "$out/diagnose" probe add "$pid" Sample.Calculator.Add13 --id "p$k" --value "DateTime.UtcNow.Ticks / 10000 - 62135596800000" >/dev/null
    sleep 0.5
    fired=$(tail -n +"$((lines + 1))" "$work/target.out" | grep -a -m1 "^Probe (" | sed 's/.*= //')
    "$out/diagnose" probe rm "$pid" "p$k" >/dev/null
    [ "$k" = 1 ] && kind=first || kind=later
    echo "$kind $((fired - t0))" >>"$work/times"
  done
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
done

for kind in attach first later; do
  values=$(awk -v k="$kind" '$1 == k { print $2 }' "$work/times")
  printf '%-7s median %4s ms   (%s)\n' "$kind" "$(echo "$values" | median)" "$(echo "$values" | sort -n | tr '\n' ' ')"
done
echo "attach: until 'diagnose attach' returns; first: probe add to first output line, the first probe in the process; later: the same for the next probes"
