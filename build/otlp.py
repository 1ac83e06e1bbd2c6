#!/usr/bin/env python3
"""A measured run of `diagnose watch --otlp` (README "Performance"): a local OTLP/HTTP receiver (this script's; it
decodes just enough protobuf to count log records and read a histogram's count), the sample target attached, a hist
probe and a log probe on Sample.Hot.Step with their guardrails lifted (custom rate 0, cpuPercent 0: every call is
sent, up to the agent's 1,000 lines/s per process), the target calling it in runs; prints what the collector
received, what the watch printed, and the diagnose process's CPU time and peak RSS.

    python3 build/otlp.py 2000 50          # 50 runs of 2,000 calls, 0.1 s apart
    python3 build/otlp.py 2000 50 plain    # the same watch without --otlp, for comparison
Needs a built out/ (build/build.sh)."""
import http.server, json, os, shutil, struct, subprocess, sys, tempfile, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.environ.get("DIAGNOSE_OUT", os.path.join(root, "out"))
if len(sys.argv) not in (3, 4) or not sys.argv[1].isdigit() or not sys.argv[2].isdigit() or sys.argv[3:] not in ([], ["plain"]):
    sys.exit("usage: otlp.py CALLS RUNS [plain]")
calls, runs, plain = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:] == ["plain"]
diagnose = os.path.join(out, "diagnose")


def fields(data):
    """(field number, wire type, value) of a protobuf message: varints as ints, length-delimited as bytes."""
    i = 0
    while i < len(data):
        key, i = varint(data, i)
        kind = key & 7
        if kind == 0:
            value, i = varint(data, i)
        elif kind == 1:
            value, i = data[i:i + 8], i + 8
        elif kind == 2:
            length, i = varint(data, i)
            value, i = data[i:i + length], i + length
        elif kind == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise ValueError(f"wire type {kind}")
        yield key >> 3, kind, value


def varint(data, i):
    value = shift = 0
    while True:
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return value, i


def items(body):
    """The items of a metrics or logs export: request.1 → resource entry.2 → scope entry.2 → item."""
    for f, _, entry in fields(body):
        if f == 1:
            for g, _, scope in fields(entry):
                if g == 2:
                    yield from (item for h, _, item in fields(scope) if h == 2)


received = {"requests": 0, "bytes": 0, "logs": 0, "hist_count": 0}
lock = threading.Lock()


class Receiver(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as collectors do

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with lock:
            self.count(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def count(self, body):
        received["requests"] += 1
        received["bytes"] += len(body)
        if self.path == "/v1/logs":
            received["logs"] += sum(1 for _ in items(body))
        elif self.path == "/v1/metrics":
            for metric in items(body):
                parts = {f: v for f, _, v in fields(metric)}
                if parts.get(1) == b"step.seed" and 9 in parts:  # Metric.name = 1, histogram = 9
                    for f, _, point in fields(parts[9]):
                        if f == 1:  # HistogramDataPoint.count = 4 (fixed64)
                            count = next(v for g, _, v in fields(point) if g == 4)
                            received["hist_count"] = struct.unpack("<Q", count)[0]

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_address[1]}"
app = subprocess.Popen([os.path.join(out, "targets", "sample", "Sample")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)


def send(line):
    app.stdin.write(line + "\n")
    app.stdin.flush()
    while not (text := app.stdout.readline()).startswith(("= ", "! ")):
        if not text:
            sys.exit("the target ended")


def cpu_and_peak(pid):
    with open(f"/proc/{pid}/stat") as stat:
        ticks = sum(int(v) for v in stat.read().rsplit(")", 1)[1].split()[11:13])
    with open(f"/proc/{pid}/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
    return ticks / os.sysconf("SC_CLK_TCK"), peak // 1024


directory = tempfile.mkdtemp(prefix="diagnose-otlp-")
try:
    send("add13 0")
    subprocess.run([diagnose, "attach", str(app.pid)], check=True, capture_output=True)
    environment = dict(os.environ, OTEL_METRIC_EXPORT_INTERVAL="1000", OTEL_BLRP_SCHEDULE_DELAY="200")
    watch = subprocess.Popen([diagnose, "watch", str(app.pid)] + ([] if plain else ["--otlp", url]), stdout=subprocess.PIPE, stderr=open(os.path.join(directory, "watch.err"), "w"), env=environment)
    printed = [0]
    reader = threading.Thread(target=lambda: [printed.__setitem__(0, printed[0] + 1) for _ in watch.stdout], daemon=True)
    reader.start()
    unlimited = {"rate": 0, "cpuPercent": 0}
    specs = {
        "hist": {"target": "Sample.Hot.Step", "instrument": {"type": "hist", "name": "step.seed", "value": "seed", "event": "call", "custom": unlimited}},
        "log": {"target": "Sample.Hot.Step", "instrument": {"type": "log", "name": "step", "value": "seed", "event": "call", "custom": unlimited}},
    }
    with open(os.path.join(directory, "specs.json"), "w") as file:
        json.dump(specs, file)
    subprocess.run([diagnose, "attach", str(app.pid), "--specs", os.path.join(directory, "specs.json")], check=True, capture_output=True)
    time.sleep(1)
    cpu_before, _ = cpu_and_peak(watch.pid)
    started = time.perf_counter()
    for _ in range(runs):
        send(f"steps {calls}")
        time.sleep(0.1)
    fired = time.perf_counter() - started
    deadline, last, still = time.time() + 120, None, 0
    while still < 15 and time.time() < deadline:  # until nothing more came for 3 s
        time.sleep(0.2)
        now = (received["hist_count"], received["logs"], printed[0])
        still, last = (still + 1 if now == last else 0), now
    exported = time.perf_counter() - started - 3
    cpu_after, peak = cpu_and_peak(watch.pid)
    listing = subprocess.run([diagnose, "probe", "ls", str(app.pid)], capture_output=True, text=True).stdout.strip().splitlines()
    watch.terminate()
    watch.wait()
    print(f"{runs} runs of {calls} calls of Sample.Hot.Step in {fired:.2f} s; the watch printed {printed[0]} lines")
    if not plain:
        print(f"the collector received a histogram count of {received['hist_count']} and {received['logs']} log records in "
              f"{received['requests']} requests, {received['bytes'] // 1024} KB, within {exported:.2f} s: "
              f"{received['logs'] / exported:.0f} lines/s and {received['hist_count'] / exported:.0f} values/s")
    print(f"diagnose watch{'' if plain else ' --otlp'}: {cpu_after - cpu_before:.2f} s CPU over {exported:.2f} s, peak RSS {peak} MB")
    print("\n".join(listing[-3:]))
    with open(os.path.join(directory, "watch.err")) as errors:
        print("".join(l for l in errors if l.startswith("diagnose:")), end="")
finally:
    app.kill()
    server.shutdown()
    shutil.rmtree(directory, ignore_errors=True)
