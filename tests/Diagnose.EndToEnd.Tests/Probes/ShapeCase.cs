namespace Diagnose.EndToEnd.Tests.Probes;

/// <summary>
/// One row of the shapes table: a probe (<paramref name="Target"/>, <paramref name="Value"/>, <paramref name="Event"/>),
/// a command that calls it, the values the probe must print, and the start of the result the command must still give.
/// A row with <paramref name="Refused"/> expects the spec to be refused with that reason (the start of it) instead.
/// </summary>
public sealed record ShapeCase(string Name, string Target, string Value, string Event, string Command, string[] Expected, string Result, string? Refused = null)
{
    public override string ToString() => Name;
}
