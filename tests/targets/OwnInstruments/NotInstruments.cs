using System.Text.Json.Nodes;
using Diagnose;

namespace MyCompany.Diag;

/// <summary>A class of the app that is no instrument.</summary>
public sealed class Formatter
{
    public override string ToString() => nameof(Formatter);
}

/// <summary>An instrument base class of the app: abstract, so no spec can use it.</summary>
public abstract class BaseLog(string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)
    : Instrument(name, value, @event, expires, custom);

/// <summary>An instrument without the constructor a spec needs.</summary>
public sealed class NamedOnly(string name) : Instrument(name, "1")
{
    protected override void Fire(object? value, IReadOnlyList<string> tags) => Console.WriteLine($"named ({Name})");
}
