#!/usr/bin/env python3
"""Measures how long a spec inserted into a PostgreSQL store takes to be installed in a process by `diagnose sidecar`:
with the store's LISTEN/NOTIFY trigger, and with the trigger dropped (polling every --interval seconds).

  python3 build/notify_latency.py [RUNS] [INTERVAL]

Starts a throwaway PostgreSQL (initdb in a temporary directory, as the postgres user when run as root), the Sample
target and a sidecar; then RUNS times: INSERT a row (psql returns after the commit), and wait for the sidecar's line
"1 specs sent: 1 installed"; DELETE it and wait for "0 specs sent". Prints each time and the medians."""
import glob, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time, queue, uuid

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
interval = sys.argv[2] if len(sys.argv) > 2 else "2"
binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
as_root = os.geteuid() == 0
work = tempfile.mkdtemp(prefix="diagnose-notify-")
if as_root:
    shutil.chown(work, "postgres")
with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

def server(*args):
    command = ([ "runuser", "-u", "postgres", "--"] if as_root else []) + list(args)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

server(f"{binaries}/initdb", "-D", f"{work}/data", "-U", "diagnose", "--auth=trust", "-E", "UTF8")
server(f"{binaries}/pg_ctl", "-D", f"{work}/data", "-o", f"-h 127.0.0.1 -p {port} -k {work}", "-l", f"{work}/log", "-w", "start")
url = f"postgresql://diagnose@127.0.0.1:{port}/postgres"

def sql(text):
    return subprocess.run([f"{binaries}/psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-d", url, "-c", text], check=True, capture_output=True, text=True).stdout.strip()

marker = f"--notify-{uuid.uuid4().hex}"
app = subprocess.Popen([f"{root}/out/targets/sample/Sample", marker], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
sidecar = subprocess.Popen([f"{root}/out/diagnose", "sidecar", "--store", f"{url.replace('postgresql', 'postgres')}?table=specs", "--match", marker, "--interval", interval],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
lines = queue.Queue()
threading.Thread(target=lambda: [lines.put((time.monotonic(), l)) for l in sidecar.stdout], daemon=True).start()

def wait_for(text, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            at, line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if text in line:
            return at
    raise SystemExit(f"no line with {text!r}")

spec = '{"target": "Sample.Calculator.Add13", "instrument": {"type": "log", "name": "n", "value": "arg", "event": "call"}}'
results = {}
try:
    wait_for("Diagnose is ready")
    for mode in ["notify", "polling"]:
        if mode == "polling":
            sql("DROP TRIGGER diagnose_notify ON specs")
        times = []
        for i in range(runs):
            sql(f"INSERT INTO specs (id, spec) VALUES ('r', '{spec}')")
            start = time.monotonic()
            times.append(wait_for("1 specs sent: 1 installed") - start)
            sql("DELETE FROM specs WHERE id = 'r'")
            wait_for("0 specs sent")
            time.sleep(0.3)
        results[mode] = times
        print(f"{mode}: " + " ".join(f"{t * 1000:.0f}" for t in times) + f" ms; median {statistics.median(times) * 1000:.0f} ms", flush=True)
finally:
    sidecar.terminate(); sidecar.wait()
    app.kill(); app.wait()
    server(f"{binaries}/pg_ctl", "-D", f"{work}/data", "-m", "immediate", "stop")
    shutil.rmtree(work, ignore_errors=True)
