using System.Reflection;

namespace Diagnose.Engine;

/// <summary>
/// Where each instrument compiled while a set of methods was built. An instrument that compiles for none of the
/// methods it was built for is failed (its error reported); one that compiles for some overloads only keeps working
/// there, and the others are noted in the agent log.
/// </summary>
internal sealed class InstrumentCompilation
{
    private readonly Dictionary<Instrument, (int Compiled, List<string> Errors)> _outcomes = new(ReferenceEqualityComparer.Instance);

    public void Record(MethodBase method, IReadOnlyList<Instrument> attempted, IReadOnlyDictionary<Instrument, string> errors)
    {
        foreach (var instrument in attempted)
        {
            var outcome = _outcomes.TryGetValue(instrument, out var known) ? known : (0, new List<string>());
            if (errors.TryGetValue(instrument, out var error))
            {
                outcome.Item2.Add(error);
                var note = $"does not apply to {Sites.CallerInfo.Describe(method)}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))}): {error}";
                instrument.AddNote(note);
                AgentLog.Info($"instrument '{instrument.Name}' {note}");
            }
            else
            {
                outcome.Item1++;
            }

            _outcomes[instrument] = outcome;
        }
    }

    public void FailThoseThatCompiledNowhere()
    {
        foreach (var (instrument, (compiled, errors)) in _outcomes)
        {
            if (compiled == 0 && errors.Count > 0)
            {
                instrument.Fail(errors[0]);
            }
        }
    }
}
