using System.Collections.Concurrent;
using Diagnose.Cli.Channel;
using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Otlp;

/// <summary>
/// <c>--otlp</c>: exports the metric values and log lines that channel sessions receive from target processes with
/// the OpenTelemetry SDK, one <see cref="ProcessExport"/> per process. The sessions' reader threads only enqueue
/// (<see cref="Post"/>, bounded: a full queue drops and says so once); one worker thread feeds the SDK, asks the
/// processes for their probe ids and, on <see cref="Forget"/> and <see cref="Dispose"/>, flushes what is buffered.
/// </summary>
internal sealed class OtlpExport : IDisposable
{
    private const int QueueCapacity = 100_000;
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(15);

    private readonly OtlpSettings _settings;
    private readonly TextWriter _errors;
    private readonly Func<int, ProbeIds> _probeIds;
    private readonly BlockingCollection<Item> _queue = new(QueueCapacity);
    private readonly Dictionary<int, (ProcessExport Export, ProbeIds Ids)> _processes = [];
    private readonly ExportFailureReport _failures;
    private readonly Thread _worker;
    private int _dropReported;

    private OtlpExport(OtlpSettings settings, TextWriter errors, Func<int, ProbeIds> probeIds)
    {
        _settings = settings;
        _errors = errors;
        _probeIds = probeIds;
        _failures = ExportFailureReport.To(errors, settings.Describe());
        _worker = new Thread(Work) { IsBackground = true, Name = "diagnose otlp export" };
        _worker.Start();
    }

    /// <summary>The collector, for messages.</summary>
    public string Collector => _settings.Describe();

    /// <summary>An export to the collector of <paramref name="settings"/>; probe ids are asked of the processes.</summary>
    public static OtlpExport Start(OtlpSettings settings, TextWriter errors) =>
        new(settings, errors, pid => new ProbeIds(() => ListSpecs(pid), TimeProvider.System));

    /// <summary>Data of process <paramref name="pid"/> will come; <paramref name="name"/> names its service (null: read it).</summary>
    public void Follow(int pid, string? name) => Enqueue(new Item(pid, name, null, Forget: false));

    /// <summary>Takes a channel event of process <paramref name="pid"/>; what is not a value or a line is ignored.</summary>
    public void Post(int pid, ChannelEvent channelEvent)
    {
        if (channelEvent is ProbeMetricValue or ProbeLogLine or SpecAppliedReport)
        {
            Enqueue(new Item(pid, null, channelEvent, Forget: false));
        }
    }

    /// <summary>Process <paramref name="pid"/> is gone or no longer watched: its buffered data is sent and its pipelines end.</summary>
    public void Forget(int pid) => Enqueue(new Item(pid, null, null, Forget: true));

    /// <summary>Sends everything buffered (a few seconds at most per process when the collector does not answer).</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        _worker.Join();
        _queue.Dispose();
        _failures.Dispose();
    }

    /// <summary>The process's specs whose instruments may write lines (metric instruments write none).</summary>
    private static IEnumerable<(string Id, string InstrumentName)> ListSpecs(int pid) =>
        new AgentConnection(pid).Send(ChannelCommand.List(), ListTimeout).Specs
            .Where(s => s.Spec is not null && s.Spec.Instrument.Type is not ("incr" or "hist" or "gauge"))
            .Select(s => (s.Id, s.Spec!.Instrument.Name))
            .ToList();

    private void Enqueue(Item item)
    {
        try
        {
            if (_queue.TryAdd(item))
            {
                return;
            }
        }
        catch (InvalidOperationException)
        {
            return; // stopping: nothing more is taken
        }

        if (Interlocked.Exchange(ref _dropReported, 1) == 0)
        {
            _errors.WriteLine($"diagnose: the OTLP export queue is full ({QueueCapacity} items): values and lines are dropped until the collector at {Collector} keeps up (reported once)");
        }
    }

    private void Work()
    {
        var failed = new HashSet<int>();
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            try
            {
                Handle(item);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One place catches: a value the SDK refuses must not end the export of the others.
                if (failed.Add(item.Pid))
                {
                    _errors.WriteLine($"diagnose: OTLP export of process {item.Pid}: {e.GetType().Name}: {e.Message} (reported once; a bug in diagnose: report it)");
                }
            }
        }

        foreach (var process in _processes.Values)
        {
            process.Export.Dispose();
        }

        _processes.Clear();
    }

    private void Handle(Item item)
    {
        if (item.Forget)
        {
            if (_processes.Remove(item.Pid, out var gone))
            {
                gone.Export.Dispose();
            }

            return;
        }

        if (!_processes.TryGetValue(item.Pid, out var process))
        {
            process = (new ProcessExport(item.Pid, item.Name, _settings), _probeIds(item.Pid));
            _processes[item.Pid] = process;
        }

        switch (item.Event)
        {
            case ProbeMetricValue metric:
                process.Export.Record(metric);
                break;
            case ProbeLogLine line:
                process.Export.Write(line, process.Ids.Of(line.Name));
                break;
            case SpecAppliedReport:
                process.Ids.Changed();
                break;
        }
    }

    private sealed record Item(int Pid, string? Name, ChannelEvent? Event, bool Forget);
}
