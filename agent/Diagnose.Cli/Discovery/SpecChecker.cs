using Diagnose.Protocol.Specs;
using dnlib.DotNet;
using dnlib.DotNet.Emit;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// What would go wrong with a spec in a process running the app, found offline: its own errors, a target that names
/// no method that can be probed (with the closest names), an event the method does not allow, and names its
/// expressions read that the event does not have. Only what is sure is reported: a valid spec gives no problem.
/// </summary>
internal sealed class SpecChecker
{
    private readonly TargetLookup _lookup;
    private readonly IReadOnlySet<string> _globals;

    public SpecChecker(TargetLookup lookup, IReadOnlySet<string> globals)
    {
        _lookup = lookup;
        _globals = globals;
    }

    /// <summary>The spec's problems, each a sentence; empty when it is fine.</summary>
    public IReadOnlyList<string> Check(Spec spec)
    {
        if (spec.Error is { } error)
        {
            var prefix = $"spec '{spec.Id}': ";
            return [error.StartsWith(prefix, StringComparison.Ordinal) ? error[prefix.Length..] : error];
        }

        var instrument = spec.Instrument;
        if (Protocol.Naming.LineTargetText.IsExceptions(spec.Target))
        {
            // An exceptions probe resolves at run time, from the throws; what it writes is snapshots.
            return instrument.Type == "snapshot" ? [] : ["an exceptions probe takes snapshot instruments (--type snapshot): the snapshot of a throw is what it writes"];
        }

        var (methodTarget, line) = LineTargets.Split(spec.Target);
        IReadOnlyList<MethodDef> methods;
        string? problem;
        if (line is { } number)
        {
            methods = methodTarget is null ? _lookup.AtFileLine(LineTargets.File(spec.Target), number, out problem) : LineTargets.AtLine(_lookup.Resolve(methodTarget, out problem), methodTarget, number, ref problem);
        }
        else
        {
            methods = _lookup.Resolve(spec.Target, out problem);
        }

        if (problem is not null)
        {
            return [problem];
        }

        var @event = line is null ? instrument.Event : "line";
        if (@event is "return" or "end" && methods.All(MakesTailCalls))
        {
            return ["return and end probes are not available: the method makes tail calls (tail. prefix), which would become ordinary calls and could overflow the stack; call probes work"];
        }

        var problems = new List<string>();
        foreach (var (role, expression) in new[] { ("value", instrument.Value), ("custom.tags", instrument.Tags), ("custom.condition", instrument.Condition) })
        {
            if (expression is null || ExpressionNames.Of(expression) is not { } names)
            {
                continue;
            }

            foreach (var name in names)
            {
                // With several overloads, a name is wrong only where no overload has it.
                var reasons = methods.Select(m => new EventNames(m, @event, _globals).Problem(name)).ToList();
                if (reasons.All(r => r is not null))
                {
                    problems.Add($"{role} \"{expression}\": {reasons[0]}");
                }
            }
        }

        return problems;
    }

    private static bool MakesTailCalls(MethodDef method) =>
        method.HasBody && method.Body.Instructions.Any(i => i.OpCode.Code == Code.Tailcall);
}
