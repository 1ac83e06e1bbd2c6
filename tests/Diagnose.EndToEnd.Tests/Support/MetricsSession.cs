using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>One published value of a counter: its instrument, its tags and the cumulative value.</summary>
public sealed record CounterValue(string Instrument, IReadOnlyDictionary<string, string> Tags, double Value);

/// <summary>
/// Reads a meter of another process the way dotnet-counters does: an EventPipe session on provider
/// System.Diagnostics.Metrics (time-series keyword, arguments SessionId, Metrics, RefreshInterval) and its
/// CounterRateValuePublished events.
/// </summary>
public static class MetricsSession
{
    private const string Provider = "System.Diagnostics.Metrics";

    /// <summary>
    /// Collects the latest value of every counter of <paramref name="meter"/> until <paramref name="done"/> holds for
    /// them or 30 s have passed; returns what was seen last.
    /// </summary>
    public static IReadOnlyList<CounterValue> ReadUntil(int pid, string meter, Func<IReadOnlyList<CounterValue>, bool> done)
    {
        var id = Guid.NewGuid().ToString("N");
        var arguments = new Dictionary<string, string>
        {
            ["SessionId"] = id,
            ["Metrics"] = meter,
            ["RefreshInterval"] = "0.5",
            ["MaxTimeSeries"] = "1000",
            ["MaxHistograms"] = "10",
        };
        var providers = new[] { new EventPipeProvider(Provider, EventLevel.Informational, 0x2, arguments) };
        var latest = new Dictionary<(string, string), CounterValue>();
        var gate = new object();
        IReadOnlyList<CounterValue> seen = [];
        using var finished = new ManualResetEventSlim();
        using var session = new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: false);
        var reader = new Thread(() =>
        {
            try
            {
                using var source = new EventPipeEventSource(session.EventStream);
                source.Dynamic.All += data =>
                {
                    if (data.ProviderName != Provider || data.EventName != "CounterRateValuePublished" || (string)data.PayloadByName("sessionId") != id)
                    {
                        return;
                    }

                    var instrument = (string)data.PayloadByName("instrumentName");
                    var tags = (string)data.PayloadByName("tags");
                    var value = double.Parse((string)data.PayloadByName("value"), CultureInfo.InvariantCulture);
                    lock (gate)
                    {
                        latest[(instrument, tags)] = new CounterValue(instrument, ParseTags(tags), value);
                        seen = latest.Values.ToList();
                        if (done(seen))
                        {
                            finished.Set();
                        }
                    }
                };
                source.Process();
            }
            catch (Exception) when (finished.IsSet)
            {
                // the session was stopped under the reader
            }
        }) { IsBackground = true, Name = "metrics session reader" };
        reader.Start();
        finished.Wait(TimeSpan.FromSeconds(30));
        finished.Set();
        session.Stop();
        reader.Join(TimeSpan.FromSeconds(10));
        lock (gate)
        {
            return seen;
        }
    }

    /// <summary>"probe=a,reason=rate" → {probe: a, reason: rate}.</summary>
    private static Dictionary<string, string> ParseTags(string tags) =>
        tags.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : string.Empty);
}
