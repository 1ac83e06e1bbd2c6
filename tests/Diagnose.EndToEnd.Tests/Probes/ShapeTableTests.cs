using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>A table of shape cases, given by the fixture class itself.</summary>
public interface IShapeCases
{
    static abstract IReadOnlyList<ShapeCase> Cases { get; }
}

/// <summary>
/// Runs a table of shape cases in one target per fixture: every case's spec is applied at once (spec id = case
/// name), then each case sends its command and checks the lines of its own probe and the command's result.
/// </summary>
public abstract class ShapeTableTests<TCases>(TargetRuntime runtime, StartMode mode, string variant)
    where TCases : IShapeCases
{
    private readonly SpecFile _specs = new();
    private TargetApp? _app;
    private Dictionary<string, string?> _errors = new();

    [OneTimeSetUp]
    public void StartTarget()
    {
        foreach (var shape in TCases.Cases)
        {
            _specs.Add(shape.Name, shape.Target, shape.Value, @event: shape.Event);
        }

        _app = TargetApp.Start(runtime, mode, _specs.Save().Path, RuntimeVariants.Environment(variant));
        _errors = TCases.Cases.ToDictionary(c => c.Name, c => _specs.WaitApplied(_app.Pid, c.Name));
    }

    [OneTimeTearDown]
    public void StopTarget()
    {
        _app?.Dispose();
        _specs.Dispose();
    }

    private static IEnumerable<TestCaseData> Rows() => TCases.Cases.Select(c => new TestCaseData(c).SetName(c.Name));

    /// <summary>
    /// One row. A target whose assembly loads only when the command runs is pending until then: its probe installs
    /// on the load and must see the very first call, so its outcome is read again after the command.
    /// </summary>
    [TestCaseSource(nameof(Rows))]
    public void TheShapeIsInstrumentedWithTheRightValuesAndTheResultIsUnchanged(ShapeCase shape)
    {
        var pending = _errors[shape.Name]?.StartsWith("pending:", StringComparison.Ordinal) == true;
        if (!pending)
        {
            AssertOutcome(shape, _errors[shape.Name]);
        }

        var result = _app!.Send(shape.Command, shape.Expected.Length, $"Probe ({shape.Name})");
        var own = result.ProbeLines.Where(l => l.StartsWith($"Probe ({shape.Name})", StringComparison.Ordinal));

        Assert.That(own, Is.EqualTo(shape.Expected.Select(v => $"Probe ({shape.Name})[tags=[]] = {v}")), result.ToString());
        Assert.That(result.Result, Does.StartWith(shape.Result), result.ToString());
        if (pending)
        {
            AssertOutcome(shape, WaitSettled(shape.Name));
        }
    }

    /// <summary>Sends a command to the target directly.</summary>
    private protected CommandResult Send(string command) => _app!.Send(command);

    private static void AssertOutcome(ShapeCase shape, string? error)
    {
        if (shape.Refused is not null)
        {
            Assert.That(error, Does.StartWith(shape.Refused));
        }
        else
        {
            Assert.That(error, Is.Null, $"{shape.Name} was not installed");
        }
    }

    /// <summary>The case's outcome once it is no longer pending.</summary>
    private string? WaitSettled(string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        string? error;
        while ((error = _specs.WaitApplied(_app!.Pid, name))?.StartsWith("pending:", StringComparison.Ordinal) == true && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        return error;
    }
}
