#!/usr/bin/env bash
# The full differential run (the NUnit suite runs a shorter one): the host that build/build.sh published into
# out/differential runs the whole workload plain and with a probe on every method of Newtonsoft.Json, Markdig,
# YamlDotNet and NodaTime; the two canonical outputs must be byte-identical. Prints the per-assembly table.
#   build/differential.sh [--net8] [host options: --inputs N, --only LIB,…, --rich, --with-known-issues]
# --net8 publishes the same host self-contained on .NET 8 (into out/differential-net8) and compares there too.
# --rich: the instruments also read this, exception and elapsed; --with-known-issues: probe the methods the host
# leaves out for known agent issues too (to check a fix; see tests/Diagnose.Differential/Probing/KnownIssues.cs).
# Outputs, reports and logs stay in out/differential-run/. Exit code 0 only when every comparison is identical.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${DIAGNOSE_OUT:-$root/out}"
work="$out/differential-run"
export DIAGNOSE_HOME="$out" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
net8=false
if [ "${1:-}" = "--net8" ]; then net8=true; shift; fi
mkdir -p "$work"

# compare NAME COMMAND…: plain and probed runs of one host build, then the table and the verdict.
compare() {
    local name=$1; shift
    local status=0
    printf '\n== %s: plain\n' "$name"
    "$@" --plain "${options[@]}" --report "$work/$name-plain.json" > "$work/$name-plain.txt" 2> "$work/$name-plain.log" || status=$?
    printf '== %s: probed\n' "$name"
    "$@" --probed "${options[@]}" --report "$work/$name-probed.json" > "$work/$name-probed.txt" 2> "$work/$name-probed.log" || status=$?
    if [ $status -ne 0 ] || [ ! -s "$work/$name-probed.json" ]; then
        echo "a run failed (exit code $status); see $work/$name-*.log"
        tail -20 "$work/$name-probed.log"
        return 1
    fi
    "$@" --table "$work/$name-plain.json" "$work/$name-probed.json"
    if cmp -s "$work/$name-plain.txt" "$work/$name-probed.txt"; then
        echo "outputs: identical ($(tail -1 "$work/$name-plain.txt"))"
    else
        echo "outputs: DIFFERENT ($(diff "$work/$name-plain.txt" "$work/$name-probed.txt" | grep -c '^<') lines); first differences:"
        diff "$work/$name-plain.txt" "$work/$name-probed.txt" | head -20 | cut -c1-240
        return 1
    fi
}

options=("$@")
host="$out/differential/Diagnose.Differential.dll"
[ -f "$host" ] || { echo "$host is missing: run build/build.sh first"; exit 2; }
result=0
compare net10 dotnet "$host" || result=1

if $net8; then
    printf '\n== publishing the host self-contained on .NET 8\n'
    dotnet publish "$root/tests/Diagnose.Differential/Net8/Diagnose.Differential.Net8.csproj" -c Release -o "$out/differential-net8" -v quiet -nologo || exit 1
    compare net8 "$out/differential-net8/Diagnose.Differential" || result=1
fi
exit $result
