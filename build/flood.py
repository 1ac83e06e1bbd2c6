#!/usr/bin/env python3
"""A measured flood run (README "Performance"): starts the sample target, attaches, times a hot loop plain and then
with a log probe with no options on the hot method while `diagnose watch --json` reads, and prints ns per call,
the throughput ratio, lines per run, RSS before and after, the bytes watch received and the probe's counters.

    python3 build/flood.py small 20000000   # Sample.Hot.Small, inlinable, about 0.3 ns a call
    python3 build/flood.py step 2000000     # Sample.Hot.Step, about 100-150 ns a call
Needs a built out/ (build/build.sh)."""
import os, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.environ.get("DIAGNOSE_OUT", os.path.join(root, "out"))
kinds = {"small": ("hot", "Sample.Hot.Small", "x"), "step": ("steps", "Sample.Hot.Step", "seed")}
if len(sys.argv) != 3 or sys.argv[1] not in kinds or not sys.argv[2].isdigit():
    sys.exit("usage: flood.py small|step CALLS")
command, method, value = kinds[sys.argv[1]]
calls = int(sys.argv[2])
diagnose = os.path.join(out, "diagnose")
app = subprocess.Popen([os.path.join(out, "targets", "sample", "Sample")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)


def send(line):
    started = time.perf_counter()
    app.stdin.write(line + "\n")
    app.stdin.flush()
    lines = 0
    while True:
        text = app.stdout.readline()
        if not text:
            sys.exit("the target ended")
        if text.startswith(("= ", "! ")):
            return time.perf_counter() - started, lines
        lines += text.startswith("Probe (")


def rss_mb():
    with open(f"/proc/{app.pid}/status") as status:
        return int(next(l for l in status if l.startswith("VmRSS")).split()[1]) // 1024


try:
    send("add13 0")  # the target is ready
    subprocess.run([diagnose, "attach", str(app.pid)], check=True, capture_output=True)
    run = f"{command} {calls}"
    for _ in range(3):
        send(run)
    plain = min(send(run)[0] for _ in range(5))
    rss_before = rss_mb()
    with open(os.devnull, "w") as sink:
        watch = subprocess.Popen([diagnose, "watch", str(app.pid), "--json"], stdout=subprocess.PIPE, stderr=sink)
        received = [0]
        import threading
        reader = threading.Thread(target=lambda: [received.__setitem__(0, received[0] + len(b)) for b in iter(lambda: watch.stdout.read(65536), b"")], daemon=True)
        reader.start()
        add = subprocess.run([diagnose, "probe", "add", str(app.pid), method, "--event", "call", "--value", value, "--id", "flood"], capture_output=True, text=True)
        print(add.stdout.strip() or add.stderr.strip())
        for _ in range(2):
            send(run)
        runs = [send(run) for _ in range(5)]
        probed = min(r[0] for r in runs)
        print(f"{method}: plain {plain * 1e9 / calls:.2f} ns/call, with a default log probe {probed * 1e9 / calls:.2f} ns/call, "
              f"throughput {plain / probed:.3f} of plain; lines per run {[r[1] for r in runs]} in {[round(r[0], 2) for r in runs]} s")
        print(f"RSS {rss_before} MB before the probe, {rss_mb()} MB after the flood")
        listing = subprocess.run([diagnose, "probe", "ls", str(app.pid)], capture_output=True, text=True).stdout.strip().splitlines()
        watch.terminate()
        watch.wait()
        reader.join(5)
        print(f"watch --json received {received[0]} bytes")
        print("\n".join(listing[-2:]))
finally:
    app.kill()
