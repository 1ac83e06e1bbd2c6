using Diagnose.EndToEnd.Tests.Support;
using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// Runs a table of shape cases in one target: every case's spec is applied at once (spec id = case name), then each
/// case sends its command and checks the lines of its own probe and the command's result.
/// </summary>
internal sealed class ShapeTable : IDisposable
{
    private readonly SpecFile _specs = new();
    private readonly TargetApp _app;

    public ShapeTable(IEnumerable<ShapeCase> cases, TargetRuntime runtime, StartMode mode, IReadOnlyDictionary<string, string>? environment = null)
    {
        Cases = cases.ToList();
        foreach (var shape in Cases)
        {
            _specs.Add(shape.Name, shape.Target, shape.Value, @event: shape.Event);
        }

        _app = TargetApp.Start(runtime, mode, _specs.Save().Path, environment);
        Errors = Cases.ToDictionary(c => c.Name, c => _specs.WaitApplied(_app.Pid, c.Name));
    }

    public IReadOnlyList<ShapeCase> Cases { get; }

    /// <summary>What the target recorded in <c>applied</c> for each case (null: installed).</summary>
    public IReadOnlyDictionary<string, string?> Errors { get; }

    /// <summary>
    /// Checks one row. A target whose assembly loads only when the command runs is pending until then: its probe
    /// installs on the load and must see the very first call, so its outcome is read again after the command.
    /// </summary>
    public void Check(ShapeCase shape)
    {
        var pending = Errors[shape.Name]?.StartsWith("pending:", StringComparison.Ordinal) == true;
        if (!pending)
        {
            AssertOutcome(shape, Errors[shape.Name]);
        }

        var result = _app.Send(shape.Command, shape.Expected.Length, $"Probe ({shape.Name})");
        var own = result.ProbeLines.Where(l => l.StartsWith($"Probe ({shape.Name})", StringComparison.Ordinal));

        Assert.That(own, Is.EqualTo(shape.Expected.Select(v => $"Probe ({shape.Name})[tags=[]] = {v}")), result.ToString());
        Assert.That(result.Result, Does.StartWith(shape.Result), result.ToString());
        if (pending)
        {
            AssertOutcome(shape, WaitSettled(shape.Name));
        }
    }

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
        while ((error = _specs.WaitApplied(_app.Pid, name))?.StartsWith("pending:", StringComparison.Ordinal) == true && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        return error;
    }

    /// <summary>Sends a command to the target directly.</summary>
    public CommandResult Send(string command) => _app.Send(command);

    public void Dispose()
    {
        _app.Dispose();
        _specs.Dispose();
    }
}
