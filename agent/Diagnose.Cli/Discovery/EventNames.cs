using System.Text.RegularExpressions;
using dnlib.DotNet;
using dnlib.DotNet.Pdb;

namespace Diagnose.Cli.Discovery;

/// <summary>
/// The names an instrument's expressions can use at one method and event (README "What works today", the agent's
/// Sites/ContextNames and SiteScope): parameters, <c>args</c>, <c>this</c>/<c>self</c> of instance methods,
/// <c>start</c>, <c>now</c>, <c>method</c>, <c>caller</c>, <c>stack</c>, <c>thread</c>, <c>snapshot</c>; on return and end
/// also <c>result</c>, <c>end</c>, <c>elapsed</c>, <c>exception</c>, <c>hotspots</c>; on end and at a line (event
/// <c>line</c>, with <c>line</c>) the locals by their PDB names (and <c>local0</c>…); the globals <c>len</c>, <c>mag</c>
/// and the ones given.
/// </summary>
internal sealed partial class EventNames
{
    private static readonly string[] s_call = ["args", "this", "self", "start", "now", "method", "caller", "stack", "thread", "snapshot"];
    private static readonly string[] s_return = ["result", "end", "elapsed", "exception", "hotspots"];
    private static readonly string[] s_tasks = ["System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask", "System.Threading.Tasks.ValueTask`1"];
    private readonly MethodDef _method;
    private readonly string _event;
    private readonly IReadOnlySet<string> _globals;
    private readonly List<string> _parameters;
    private readonly HashSet<string> _locals;

    public EventNames(MethodDef method, string @event, IReadOnlySet<string> globals)
    {
        _method = method;
        _event = @event;
        _globals = globals;
        _parameters = method.Parameters.Where(p => p.IsNormalMethodParameter).Select((p, i) => string.IsNullOrEmpty(p.Name) ? $"arg{i}" : p.Name).ToList();
        _locals = Locals(method);
    }

    /// <summary>Why <paramref name="name"/> cannot be used here, in the agent's words; null when it can.</summary>
    public string? Problem(string name)
    {
        var returns = _event is not ("call" or "line");
        var awaited = IsTaskReturning(_method);
        if (_parameters.Contains(name) || _globals.Contains(name) || name is "len" or "mag")
        {
            return null;
        }

        if (_event == "line" && (_locals.Contains(name) || name == "line"))
        {
            return null; // a line reads the locals in scope there (the check does not know scopes: any local passes)
        }

        if (_event == "end" && _locals.Contains(name))
        {
            return awaited ? $"'{name}': the locals of an async method live in its state machine; the end event cannot read them" : null;
        }

        if (!returns && s_return.Contains(name))
        {
            return $"'{name}' is not available on the {_event} event";
        }

        if (name is "this" or "self")
        {
            return _method.IsStatic ? $"'{name}' is not available: {MethodTargets.TypeText(_method.DeclaringType).Replace('+', '.')}.{_method.Name} is static" : null;
        }

        if (name == "end" && _event == "end" && awaited)
        {
            return "the end event of an async method is not available: its locals live in the state machine";
        }

        if (s_call.Contains(name) || (returns && s_return.Contains(name)))
        {
            return null;
        }

        var hint = _event is not ("end" or "line") && _locals.Contains(name) ? "; locals are read on the end event only (--event end)" : "";
        return $"unknown name '{name}'; names here: {string.Join(", ", Names())}{hint}";
    }

    private IEnumerable<string> Names()
    {
        var builtIn = (_event switch { "call" => s_call, "line" => s_call.Append("line"), _ => s_call.Concat(s_return) }).Where(n => !_method.IsStatic || n is not ("this" or "self"));
        IEnumerable<string> locals = (_event == "end" && !IsTaskReturning(_method)) || _event == "line" ? _locals.Where(l => !LocalSlotName().IsMatch(l)).Order(StringComparer.Ordinal) : [];
        return _parameters.Concat(locals).Concat(builtIn).Concat(["len", "mag"]).Concat(_globals.Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal);
    }

    private static bool IsTaskReturning(MethodDef method) =>
        method.ReturnType?.RemovePinnedAndModifiers() is { } type && s_tasks.Contains((type is GenericInstSig g ? g.GenericType : type).ToTypeDefOrRef()?.FullName, StringComparer.Ordinal);

    /// <summary>Every local's source name in every scope (hidden ones too), <c>localN</c> for each slot, and hoisted locals of a state machine.</summary>
    private static HashSet<string> Locals(MethodDef method)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (method.HasBody && method.Body is { } body)
        {
            for (var slot = 0; slot < body.Variables.Count; slot++)
            {
                names.Add($"local{slot}");
            }

            AddScope(body.PdbMethod?.Scope, names);
        }

        var machine = StateMachines.MoveNext(method)?.DeclaringType ?? (method.DeclaringType.Name.String.StartsWith('<') ? method.DeclaringType : null);
        foreach (var field in machine?.Fields ?? [])
        {
            if (HoistedField().Match(field.Name.String) is { Success: true } hoisted)
            {
                names.Add(hoisted.Groups["name"].Value);
            }
        }

        if (StateMachines.MoveNext(method) is { HasBody: true } moveNext)
        {
            AddScope(moveNext.Body.PdbMethod?.Scope, names);
        }

        return names;
    }

    private static void AddScope(PdbScope? scope, HashSet<string> names)
    {
        if (scope is null)
        {
            return;
        }

        names.UnionWith(scope.Variables.Select(v => v.Name).Where(n => !string.IsNullOrEmpty(n)));
        foreach (var inner in scope.Scopes)
        {
            AddScope(inner, names);
        }
    }

    [GeneratedRegex(@"^<(?<name>[^>]+)>5__\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex HoistedField();

    [GeneratedRegex(@"^local\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalSlotName();
}
