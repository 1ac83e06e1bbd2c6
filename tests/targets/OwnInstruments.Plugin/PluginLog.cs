using System.Text.Json.Nodes;
using Diagnose;

namespace Plugin.Diag;

/// <summary>An instrument class in a plugin: it derives from the Instrument of the plugin's own Diagnose.Agent.</summary>
public sealed class PluginLog(string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)
    : Instrument(name, value, @event, expires, custom)
{
    protected override void Fire(object? value, IReadOnlyList<string> tags) => Console.WriteLine($"plugin ({Name}) {value}");
}
