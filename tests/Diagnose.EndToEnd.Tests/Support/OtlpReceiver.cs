using System.Net;
using System.Net.Sockets;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// An OTLP/HTTP collector for a test: an HttpListener on a free local port that takes POST /v1/metrics and
/// /v1/logs with protobuf bodies, answers 200 with an empty response message, and keeps what it decoded and each
/// request's path and headers. Tests wait for what they expect (<see cref="WaitForMetric"/>, <see cref="WaitForLog"/>).
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly HttpListener _listener;
    private readonly Task _serving;
    private readonly object _gate = new();
    private readonly List<OtlpMetricPoint> _points = [];
    private readonly List<OtlpLogRecord> _logs = [];
    private readonly List<Request> _requests = [];

    public OtlpReceiver()
    {
        (_listener, Port) = Listen();
        _serving = Task.Run(Serve);
    }

    public int Port { get; }

    /// <summary>The base URL, as --otlp takes it.</summary>
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>A request as it came: its path, and its headers (names in lower case).</summary>
    public sealed record Request(string Path, IReadOnlyDictionary<string, string> Headers, string? Error);

    public IReadOnlyList<Request> Requests => Snapshot(_requests);

    public IReadOnlyList<OtlpMetricPoint> Points => Snapshot(_points);

    public IReadOnlyList<OtlpLogRecord> Logs => Snapshot(_logs);

    public OtlpMetricPoint WaitForMetric(Func<OtlpMetricPoint, bool> match, TimeSpan? timeout = null) => WaitFor(_points, match, timeout, "metric point");

    public OtlpLogRecord WaitForLog(Func<OtlpLogRecord, bool> match, TimeSpan? timeout = null) => WaitFor(_logs, match, timeout, "log record");

    public Request WaitForRequest(Func<Request, bool> match, TimeSpan? timeout = null) => WaitFor(_requests, match, timeout, "request");

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // Closed under a pending request: that is how it ends.
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return $"{_requests.Count} requests ({string.Join(", ", _requests.Select(r => r.Path + (r.Error is null ? string.Empty : " " + r.Error)).Distinct())}); " +
                $"points: {string.Join(" | ", _points.Select(p => $"{p.Name} {p.Kind} {p.Value} {p.Attributes} pid={p.Resource["process.pid"]}"))}; " +
                $"logs: {string.Join(" | ", _logs.Select(l => $"{l.Body} {l.Attributes} pid={l.Resource["process.pid"]}"))}";
        }
    }

    private static (HttpListener, int) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close(); // another process took the port in between: take another
            }
        }
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Take(context);
        }
    }

    private void Take(HttpListenerContext context)
    {
        var path = context.Request.Url?.AbsolutePath ?? string.Empty;
        var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
        using var body = new MemoryStream();
        context.Request.InputStream.CopyTo(body);
        string? error = null;
        lock (_gate)
        {
            try
            {
                switch (path)
                {
                    case "/v1/metrics":
                        _points.AddRange(OtlpMessages.Metrics(body.ToArray()));
                        break;
                    case "/v1/logs":
                        _logs.AddRange(OtlpMessages.Logs(body.ToArray()));
                        break;
                    default:
                        error = "unknown path";
                        break;
                }
            }
            catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                error = $"undecodable: {e.Message}";
            }

            _requests.Add(new Request(path, headers, error));
            Monitor.PulseAll(_gate);
        }

        context.Response.StatusCode = error == "unknown path" ? 404 : 200;
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> items)
    {
        lock (_gate)
        {
            return items.ToList();
        }
    }

    private T WaitFor<T>(List<T> items, Func<T, bool> match, TimeSpan? timeout, string what)
    {
        var deadline = DateTime.UtcNow + (timeout ?? s_timeout);
        lock (_gate)
        {
            while (true)
            {
                if (items.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"no such {what} came to {Url}: {this}");
                }

                Monitor.Wait(_gate, left);
            }
        }
    }
}
