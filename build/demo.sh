#!/usr/bin/env bash
# The main job: builds everything, starts a sample service that knows nothing of Diagnose, attaches to it, adds
# probes from a spec file, shows their output, lets one expire by itself, then shows a launch under `diagnose run`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${DIAGNOSE_OUT:-$root/out}"
"$root/build/build.sh" >/dev/null
work=$(mktemp -d /tmp/diagnose-demo.XXXXXX)
trap 'kill "$service" 2>/dev/null || true; rm -rf "$work"' EXIT
say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "1. a .NET service that knows nothing of Diagnose"
"$out/targets/sample/Sample" --serve >"$work/service.out" 2>&1 &
service=$!
sleep 1.5
head -1 "$work/service.out"

cat >"$work/probes.json" <<'JSON'
{
  "orders": { "target": "Sample.Checkout.Submit",
              "instrument": { "type": "log", "name": "checkout.total", "value": "order.Total",
                              "custom": { "tags": "new { region = order.Customer.Region }", "condition": "order.Total > 100" } } },
  "timing": { "target": "Sample.Checkout.Submit",
              "instrument": { "type": "log", "name": "checkout.elapsed_us", "value": "Math.Round(elapsed * 1e6, 1)" },
              "lifespan": 0.05, "lastmodified": "LASTMODIFIED" },
  "typo":   { "target": "Sample.Checkout.Sumbit",
              "instrument": { "type": "log", "name": "x", "value": "result" } }
}
JSON
sed -i "s/LASTMODIFIED/$(date -u +%Y-%m-%dT%H:%M:%SZ)/" "$work/probes.json"
say "2. diagnose attach $service --specs probes.json (one spec has a typo on purpose)"
cat "$work/probes.json"
"$out/diagnose" attach "$service" --specs "$work/probes.json" || echo "(exit code $?: one spec had an error, the others are installed)"

say "3. the service's output now (probe lines come from inside it)"
sleep 2.5
tail -n 12 "$work/service.out"

say "4. the 'timing' spec had a lifespan of 0.05 minutes: a few seconds later it has removed itself"
sleep 3
tail -n 8 "$work/service.out"

say "5. what the process wrote back into the spec file (applied entries)"
python3 - "$work/probes.json" <<'PY'
import json, sys
for id, spec in json.load(open(sys.argv[1])).items():
    for process, entry in spec.get("applied", {}).items():
        print(f"{id:8} {process:20} err={entry['err']}")
PY

say "6. probes without files: diagnose probe add $service Sample.Calculator.Add13 --type hist … / --value …"
"$out/diagnose" probe add "$service" Sample.Calculator.Add13 --id add13-args --name add13 --value '$"{arg} + 13 = {result}"' --lifespan 1
"$out/diagnose" probe add "$service" Sample.Checkout.Submit --id submit-size --type hist --name checkout.total --value 'order.Total' --tags 'new { region = order.Customer.Region }' --elapsed

say "7. diagnose probe ls $service"
"$out/diagnose" probe ls "$service"

say "8. diagnose watch $service (3 seconds): log lines and metric values, live, from inside the service"
timeout 3 "$out/diagnose" watch "$service" | head -n 10 || true

say "8b. diagnose top $service --once (the live table, here one frame as text) and diagnose hotspots (2 seconds)"
"$out/diagnose" top "$service" --once --sort id | cat
"$out/diagnose" hotspots "$service" Sample.Checkout.Submit --seconds 2

say "9. debugging it live: find the method, probe one of its lines, take a snapshot of the order"
"$out/diagnose" methods "$service" Checkout.Submit --lines
line=$(grep -n 'return order.Total;' "$root/tests/targets/Sample/Orders.cs" | cut -d: -f1)
"$out/diagnose" probe add "$service" "Orders.cs:$line" --id at-line --name at-line --value '$"order {order.Id} of {order.Customer.Name}: {order.Total}"' --max-hits 2
"$out/diagnose" probe add "$service" Sample.Checkout.Submit --id order-snapshot --name order-snapshot --type snapshot --value order --max-hits 1
sleep 2.5
grep -E '^(Probe \(at-line\)|Snapshot \(order-snapshot\))' "$work/service.out" | tail -n 3

say "10. diagnose probe rm: the methods get their original code back, the output stops"
"$out/diagnose" probe rm "$service" add13-args
"$out/diagnose" probe rm "$service" submit-size
lines=$(wc -l <"$work/service.out")
sleep 1
printf 'add13 lines printed by the service in the second after rm: %s\n' "$(tail -n +"$((lines + 1))" "$work/service.out" | grep -c '^Probe (add13)' || true)"

say "11. launching under Diagnose instead: diagnose run --specs … -- Sample"
cat >"$work/run.json" <<'JSON'
{ "add": { "target": "Sample.Calculator.Add13", "instrument": { "type": "log", "name": "add13", "value": "$\"{arg} + 13 = {result}\"" } } }
JSON
printf 'add13 29\nadd13 1\nexit 0\n' | "$out/diagnose" run --specs "$work/run.json" -- "$out/targets/sample/Sample"
say "done"
