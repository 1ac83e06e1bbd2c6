using System.Diagnostics;
using System.Reflection;
using Diagnose.Differential.Output;
using Diagnose.Engine;
using Diagnose.Native;
using Diagnose.Targets;

namespace Diagnose.Differential.Probing;

/// <summary>
/// Puts a probe on every method of an assembly. Methods are grouped by type (one probe each, started in one engine
/// batch: one re-JIT request). An instrument that does not compile for some method of a group is either failed for
/// the whole probe or left out of that method only (with a line in the agent log); either way the group is stopped
/// and its methods are probed one by one (a second batch), where the instrument's error names the method.
/// Refusals, exclusions and failures are counted by reason.
/// </summary>
internal sealed class AssemblyProber
{
    private readonly List<ProbeGroup> _groups = new();
    private readonly List<MethodBase> _instrumented = new();

    private AssemblyProber(ProbingReport report) => Report = report;

    public ProbingReport Report { get; }

    /// <param name="assembly">The library.</param>
    /// <param name="excludeKnownIssues">False probes the methods of <see cref="KnownIssues"/> too (to check a fix).</param>
    /// <param name="rich">Instruments read more than arguments and result (<see cref="InstrumentValues"/>).</param>
    public static AssemblyProber Apply(Assembly assembly, bool excludeKnownIssues, bool rich)
    {
        var clock = Stopwatch.StartNew();
        var methods = MethodInventory.All(assembly, out var typeErrors);
        var prober = new AssemblyProber(new ProbingReport { Methods = methods.Count });
        var report = prober.Report;
        report.Failed.AddRange(typeErrors.Select(e => $"(type load) {e}"));
        var candidates = new List<MethodBase>();
        foreach (var method in methods)
        {
            var hasIL = MethodInventory.HasIL(method);
            report.MethodsWithIL += hasIL ? 1 : 0;
            if (TargetResolver.Refusal(method) is { } refusal)
            {
                Count(report.Refused, refusal);
                report.RefusedWithIL += hasIL ? 1 : 0;
            }
            else if (excludeKnownIssues && KnownIssues.Of(method) is { } issue)
            {
                Count(report.Excluded, issue);
                Console.Error.WriteLine($"excluded {MethodInventory.Describe(method)}: {issue}");
            }
            else
            {
                candidates.Add(method);
            }
        }

        var prefix = $"[{assembly.GetName().Name}]";
        var byType = StartAll(ProbeGroup.ByType(prefix, candidates, rich).ToList());
        var split = byType.Where(g => g.CompileErrors.Count > 0 || g.StartError is not null || g.PartlyCompiled).ToList();
        foreach (var group in split)
        {
            group.Probe.Stop();
        }

        var oneByOne = StartAll(split.SelectMany(g => g.Methods).Select(m => ProbeGroup.ForMethod(prefix, m, rich)).ToList());
        foreach (var group in byType.Except(split).Concat(oneByOne))
        {
            prober.Check(group);
        }

        report.ApplySeconds = clock.Elapsed.TotalSeconds;
        return prober;
    }

    /// <summary>After the workload: hits, what became of the methods' code, and instruments the workload disabled.</summary>
    public void Collect()
    {
        foreach (var group in _groups)
        {
            Report.CallHits += group.Call.Hits;
            Report.ReturnHits += group.Return.Hits;
            foreach (var instrument in group.Instruments.Where(i => i.Error is not null && !group.CompileErrors.Contains(i)))
            {
                Report.RuntimeErrors.Add($"{group.Probe.Target} [{instrument.Name}]: {instrument.Error}");
            }
        }

        foreach (var method in _instrumented)
        {
            var (state, hr) = ProbeEngine.Instance.StateOf(method);
            Report.MethodsHit += state == NativeAbi.MethodState.Compiled ? 1 : 0;
            Count(Report.CodeStates, state == NativeAbi.MethodState.Failed ? $"{state} {HResults.Describe(hr)}" : state.ToString());
            if (state == NativeAbi.MethodState.Failed)
            {
                Report.RuntimeErrors.Add($"{MethodInventory.Describe(method)}: re-JIT failed: {HResults.Describe(hr)}");
            }
        }
    }

    private static List<ProbeGroup> StartAll(List<ProbeGroup> groups)
    {
        using (ProbeEngine.Instance.Batch())
        {
            groups.ForEach(g => g.Start());
        }

        return groups;
    }

    private void Check(ProbeGroup group)
    {
        _groups.Add(group);
        foreach (var method in group.Methods)
        {
            if (group.FailureOf(method) is { } failure)
            {
                Report.Failed.Add($"{MethodInventory.Describe(method)}: {failure}");
            }
            else if (group.CompileErrors.Count == 2)
            {
                Report.Failed.Add($"{MethodInventory.Describe(method)}: no instrument compiled: {string.Join("; ", group.CompileErrors.Select(i => i.Error))}");
            }
            else
            {
                _instrumented.Add(method);
                Report.Instrumented++;
            }
        }

        foreach (var instrument in group.CompileErrors)
        {
            Count(Report.InstrumentErrors, $"{instrument.Name}: {instrument.Error}");
            Report.InstrumentErrorMethods.AddRange(group.Methods.Select(m => $"{MethodInventory.Describe(m)} [{instrument.Name}]: {instrument.Error}"));
        }
    }

    private static void Count(SortedDictionary<string, int> counts, string reason) =>
        counts[reason] = counts.TryGetValue(reason, out var count) ? count + 1 : 1;
}
