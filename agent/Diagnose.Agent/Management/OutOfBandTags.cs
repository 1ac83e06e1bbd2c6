using Diagnose.Protocol.Specs;

namespace Diagnose.Management;

/// <summary>
/// The manager tags of specs that come from outside the app (a specs path, the channel, a sidecar): the process's
/// <c>DIAGNOSE_TAGS</c> (<c>service:web,env:prod</c>), then those of <c>settings.json</c> beside the specs
/// (<c>{"tags": {"env": "prod"}}</c> or <c>{"tags": ["env:prod"]}</c>) whose key the variable does not have. They go
/// before every instrument's own tags; a sidecar sends those of the settings.json beside its store with its specs,
/// which then stand in for the file beside the specs path. A malformed entry is left out with one warning.
/// </summary>
internal static class OutOfBandTags
{
    private static readonly object s_gate = new();
    private static string? s_warned;

    public static string[] Read(string? specsPath) => Read(Variable, specsPath is null ? null : SideFiles.Beside(specsPath, SideFiles.Settings));

    /// <summary>
    /// For specs whose sender read the settings.json beside its own store (a sidecar) and sent its tags: those, in
    /// place of a settings.json beside this process's specs path.
    /// </summary>
    public static string[] Sent(IReadOnlyList<string> tags) => Merge(Variable, tags, "the settings.json sent with the specs", []);

    internal static string[] Read(string? variable, string? settingsFile)
    {
        var problems = new List<string>();
        var settings = settingsFile is null ? [] : SettingsFile.Tags(settingsFile, problems);
        return Merge(variable, settings, settingsFile ?? string.Empty, problems);
    }

    private static string? Variable => Environment.GetEnvironmentVariable("DIAGNOSE_TAGS");

    /// <summary>The variable's tags, then those of <paramref name="settings"/> whose key the variable does not have.</summary>
    private static string[] Merge(string? variable, IReadOnlyList<string> settings, string settingsSource, List<string> problems)
    {
        var tags = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in (variable ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Add(entry, "DIAGNOSE_TAGS");
        }

        foreach (var entry in settings)
        {
            Add(entry, settingsSource);
        }

        Warn(problems);
        return tags.ToArray();

        void Add(string tag, string source)
        {
            var colon = tag.IndexOf(':');
            if (colon <= 0)
            {
                problems.Add($"{source}: the tag '{tag}' is not key:value");
                return;
            }

            if (source == "DIAGNOSE_TAGS" ? keys.Add(tag[..colon]) : !keys.Contains(tag[..colon]))
            {
                tags.Add(tag);
            }
        }
    }

    /// <summary>One warning for each new set of problems: specs are applied every 10 s, the log must not fill up.</summary>
    private static void Warn(List<string> problems)
    {
        var text = problems.Count == 0 ? null : string.Join("; ", problems) + " (left out)";
        lock (s_gate)
        {
            if (text == s_warned)
            {
                return;
            }

            s_warned = text;
        }

        if (text is not null)
        {
            AgentLog.Warning($"manager tags: {text}");
        }
    }
}
