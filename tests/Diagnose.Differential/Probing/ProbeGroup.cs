using System.Reflection;

namespace Diagnose.Differential.Probing;

/// <summary>
/// One probe on a set of methods with its two counting instruments, call and return, reading the same
/// <see cref="InstrumentValues"/> on every method of the group.
/// </summary>
internal sealed class ProbeGroup
{
    private ProbeGroup(string name, IReadOnlyList<MethodBase> methods, InstrumentValues values)
    {
        Methods = methods;
        Probe = Probe.ForMethods(name, methods);
        Call = new CountingInstrument("call", values.Call, InstrumentEvent.Call);
        Return = new CountingInstrument("return", values.Return, InstrumentEvent.Return);
        Probe.Instruments[Call.Name] = Call;
        Probe.Instruments[Return.Name] = Return;
    }

    public IReadOnlyList<MethodBase> Methods { get; }

    public Probe Probe { get; }

    public CountingInstrument Call { get; }

    public CountingInstrument Return { get; }

    /// <summary>Why <see cref="Probe.Start"/> threw (no method of the group could be probed), or null.</summary>
    public string? StartError { get; private set; }

    /// <summary>Instruments that were disabled when the probe was installed (not by the workload).</summary>
    public IReadOnlyList<CountingInstrument> CompileErrors { get; private set; } = [];

    public IEnumerable<CountingInstrument> Instruments => [Call, Return];

    /// <summary>Methods grouped by declaring type and by the values they can read, one probe per group.</summary>
    public static IEnumerable<ProbeGroup> ByType(string prefix, IEnumerable<MethodBase> methods, bool rich) =>
        methods.GroupBy(m => (m.DeclaringType, Values: InstrumentValues.For(m, rich)))
            .Select((g, i) => new ProbeGroup($"{prefix}{g.Key.DeclaringType?.FullName}#{i}", g.ToList(), g.Key.Values));

    public static ProbeGroup ForMethod(string prefix, MethodBase method, bool rich) =>
        new($"{prefix}{method.MetadataToken:X8}", [method], InstrumentValues.For(method, rich));

    /// <summary>
    /// True when an instrument was left out of some of the group's methods but works on others (the agent logs
    /// "instrument 'x' does not apply to …" and keeps the instrument).
    /// </summary>
    public bool PartlyCompiled { get; private set; }

    public void Start()
    {
        var logBefore = AgentLog.Recent();
        try
        {
            Probe.Start();
        }
        catch (DiagnoseException e)
        {
            StartError = e.Message;
        }

        CompileErrors = Instruments.Where(i => i.Error is not null).ToList();
        PartlyCompiled = LinesAdded(logBefore, AgentLog.Recent()).Any(l => l.Contains("does not apply to", StringComparison.Ordinal));
    }

    /// <summary>Why <paramref name="method"/> is not probed, or null when it is.</summary>
    public string? FailureOf(MethodBase method)
    {
        if (Probe.MethodErrors.TryGetValue(method, out var error))
        {
            return error;
        }

        if (StartError is not null)
        {
            return StartError;
        }

        return Probe.State == ProbeState.Installed && Probe.Methods.Contains(method) ? null : Probe.Error ?? $"probe {Probe.State}";
    }

    /// <summary>The lines of a bounded log that came after the last line of an earlier copy of it.</summary>
    private static IEnumerable<string> LinesAdded(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        if (before.Count == 0)
        {
            return after;
        }

        for (var i = after.Count - 1; i >= 0; i--)
        {
            if (after[i] == before[^1])
            {
                return after.Skip(i + 1);
            }
        }

        return after;
    }
}
