#!/usr/bin/env bash
# Builds everything from nothing into one layout folder (default: out/):
#   out/diagnose                      the command (a launcher for out/cli/diagnose.dll)
#   out/native/libDiagnose.Profiler.so
#   out/agent/Diagnose.Agent.dll      (+ Diagnose.Protocol.dll)
#   out/targets/sample/               the .NET 10 test target
#   out/targets/sample-net8/          the same target, self-contained on .NET 8
#   out/targets/inprocess/            the same target using the in-process API
#   out/targets/own-instruments/      the same target with instrument classes of its own (+ plugin/, its own agent copy)
#   out/differential/                 the differential suite's host (tests/Diagnose.Differential)
#   out/packages/diagnose.<version>.nupkg  the .NET tool package: the command, the agent and the profiler
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${DIAGNOSE_OUT:-$root/out}"
native="$root/build-native"
jobs=$(nproc 2>/dev/null || echo 2)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*"; }

step "native profiler (cmake, Release)"
cmake -S "$root" -B "$native" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$native" -j"$jobs"
mkdir -p "$out/native" "$out/agent" "$out/cli" "$out/targets"
cp "$native/profiler-native/libDiagnose.Profiler.so" "$out/native/"

step "agent, protocol, CLI, tests (dotnet, Release)"
dotnet build "$root/Diagnose.Agent.sln" -c Release -v quiet -nologo
dotnet publish "$root/agent/Diagnose.Agent/Diagnose.Agent.csproj" -c Release --no-build -o "$out/agent" -v quiet -nologo
dotnet publish "$root/agent/Diagnose.Cli/Diagnose.Cli.csproj" -c Release --no-build -o "$out/cli" -v quiet -nologo
cat > "$out/diagnose" <<'LAUNCHER'
#!/usr/bin/env bash
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
export DIAGNOSE_HOME="${DIAGNOSE_HOME:-$here}"
exec dotnet "$here/cli/diagnose.dll" "$@"
LAUNCHER
chmod +x "$out/diagnose"

step "tool package (dotnet tool install --tool-path DIR --add-source $out/packages diagnose)"
# From what is built already (no restore, no network): the CLI's publish output plus out/agent and out/native.
rm -f "$out/packages"/diagnose.*.nupkg
dotnet pack "$root/agent/Diagnose.Cli/Diagnose.Cli.csproj" -c Release --no-build --no-restore -o "$out/packages" -p:DiagnoseLayout="$out" -v quiet -nologo

step "test targets (.NET 10; .NET 8 self-contained)"
dotnet publish "$root/tests/targets/Sample/Sample.csproj" -c Release --no-build -o "$out/targets/sample" -v quiet -nologo
dotnet publish "$root/tests/targets/Sample.Net8/Sample.Net8.csproj" -c Release -o "$out/targets/sample-net8" -v quiet -nologo
dotnet publish "$root/tests/targets/InProcess/InProcess.csproj" -c Release --no-build -o "$out/targets/inprocess" -v quiet -nologo
dotnet publish "$root/tests/targets/OwnInstruments/OwnInstruments.csproj" -c Release --no-build -o "$out/targets/own-instruments" -v quiet -nologo
dotnet publish "$root/tests/targets/OwnInstruments.Plugin/OwnInstruments.Plugin.csproj" -c Release --no-build -o "$out/targets/own-instruments/plugin" -v quiet -nologo
# IL shapes C# cannot write (tail calls, fault, filters, > 64 KB), generated into a real DLL beside the .NET 10 target.
dotnet "$root/tests/targets/IlShapes/bin/Release/net10.0/IlShapes.dll" "$out/targets/sample/IlShapes.dll" >/dev/null

step "differential suite host (run by tests/Diagnose.Differential.Tests and build/differential.sh)"
dotnet publish "$root/tests/Diagnose.Differential/Diagnose.Differential.csproj" -c Release --no-build -o "$out/differential" -v quiet -nologo

step "done: $out"
