#!/usr/bin/env bash
# Builds everything from nothing (build/build.sh) and runs every test: the native GoogleTest suite (ctest) and all
# NUnit projects (unit and end-to-end). Ends with one line "N passed, N failed" counting both.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/out/test-results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$root/build/build.sh" || { echo "0 passed, 1 failed"; exit 1; }
rm -rf "$results" && mkdir -p "$results"

printf '\n== native tests (ctest)\n'
ctest --test-dir "$root/build-native" --output-on-failure --output-junit "$results/ctest.xml" -j2
ctest_status=$?

printf '\n== managed tests (NUnit)\n'
dotnet test "$root/Diagnose.Agent.sln" -c Release --no-build --logger "trx;LogFilePrefix=nunit" --results-directory "$results" -v quiet -nologo
dotnet_status=$?

# Count what really ran: ctest's JUnit report and every TRX file.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
results = sys.argv[1]
passed = failed = 0
for path in glob.glob(f"{results}/ctest.xml"):
    for case in ET.parse(path).getroot().iter("testcase"):
        bad = case.find("failure") is not None or case.find("error") is not None or case.get("status") == "fail"
        skipped = case.find("skipped") is not None or case.get("status") in ("notrun", "disabled")
        if bad: failed += 1
        elif not skipped: passed += 1
ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
for path in glob.glob(f"{results}/*.trx"):
    root = ET.parse(path).getroot()
    for result in root.iter(f"{ns}UnitTestResult"):
        if result.get("outcome") in ("Failed", "Error", "Timeout", "Aborted"):
            message = result.find(f"{ns}Output/{ns}ErrorInfo/{ns}Message")
            text = (message.text or "").strip().replace("\n", " ")[:600] if message is not None else ""
            print(f"FAILED {result.get('testName')}: {text}")
    counters = root.find(f"{ns}ResultSummary/{ns}Counters")
    passed += int(counters.get("passed"))
    failed += int(counters.get("failed")) + int(counters.get("error")) + int(counters.get("timeout")) + int(counters.get("aborted"))
print(f"{passed} passed, {failed} failed")
PY
[ $ctest_status -eq 0 ] && [ $dotnet_status -eq 0 ]
