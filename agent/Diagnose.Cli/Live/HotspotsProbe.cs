using Diagnose.Cli.Channel;
using Diagnose.Cli.Specs;
using Diagnose.Protocol.Channel;
using Diagnose.Protocol.Specs;

namespace Diagnose.Cli.Live;

/// <summary>
/// The temporary probe of <c>diagnose hotspots</c>: a log instrument on return whose value is the call's per-line
/// timing (<see cref="CallLines"/>), with a name of its own to pick its lines out of the process's output, and a
/// lifespan a little longer than the collection, so that a killed command leaves nothing running for long. Added,
/// counted and removed through the channel like <c>probe add</c>, <c>probe ls</c> and <c>probe rm</c>.
/// </summary>
internal sealed class HotspotsProbe
{
    /// <summary>How long the probe outlives the collection when the command cannot remove it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly AgentConnection _connection;
    private readonly int _pid;
    private readonly TimeSpan _timeout;

    private HotspotsProbe(AgentConnection connection, int pid, Spec spec, TimeSpan timeout)
    {
        _connection = connection;
        _pid = pid;
        Spec = spec;
        _timeout = timeout;
    }

    public Spec Spec { get; }

    public string Id => Spec.Id;

    /// <summary>The instrument's name, which its log lines carry.</summary>
    public string Name => Spec.Instrument.Name;

    /// <summary>The probe for <paramref name="target"/> (a target naming one method), not yet sent.</summary>
    public static HotspotsProbe For(AgentConnection connection, int pid, string target, TimeSpan collection, TimeSpan timeout)
    {
        var suffix = NewProbeSpec.RandomSuffix();
        var spec = new NewProbeSpec(
            target,
            Name: $"diagnose.hotspots.{suffix}",
            Value: CallLines.Expression,
            Event: "return",
            Lifespan: (collection + Grace).TotalMinutes,
            Id: $"hotspots-{suffix}",
            ToStandardOutput: false).Build(DateTimeOffset.UtcNow, () => suffix);
        return new HotspotsProbe(connection, pid, spec, timeout);
    }

    /// <summary>Adds the probe.</summary>
    /// <exception cref="CliException">Exit code 1: the process could not install it (the reason); 3: no answer.</exception>
    public void Add()
    {
        var answer = _connection.Send(ChannelCommand.Set(new SpecSet([Spec])), _timeout);
        var report = answer.Specs.FirstOrDefault(s => s.Id == Id);
        if (report is null || report.Status != SpecStatus.Installed)
        {
            var why = report is null ? "the process did not report it" : SpecStatus.Describe(report.Status, report.Reason);
            throw new CliException(ExitCodes.SpecError, $"process {_pid} could not time {Spec.Target}: {why}");
        }
    }

    /// <summary>The probe's counters and state now (null when the process no longer lists it).</summary>
    public InstrumentReport? Report()
    {
        var answer = _connection.Send(ChannelCommand.List(), _timeout);
        return answer.Probes.SelectMany(p => p.Details ?? []).FirstOrDefault(d => d.Id == Id);
    }

    /// <summary>Removes the probe; false with the reason when that failed (it then ends with its lifespan).</summary>
    public bool TryRemove(out string? problem)
    {
        try
        {
            _connection.Send(ChannelCommand.Remove([Id]), _timeout);
            problem = null;
            return true;
        }
        catch (CliException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
