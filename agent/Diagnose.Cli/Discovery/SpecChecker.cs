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

        var methods = _lookup.Resolve(spec.Target, out var problem);
        if (problem is not null)
        {
            return [problem];
        }

        var instrument = spec.Instrument;
        if (instrument.Event != "call" && methods.All(MakesTailCalls))
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
                var reasons = methods.Select(m => new EventNames(m, instrument.Event, _globals).Problem(name)).ToList();
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
