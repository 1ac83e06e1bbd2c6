using System.Text.Json;
using System.Text.Json.Nodes;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>A spec file in a fresh directory, written the way a user would, and read back for <c>applied</c> entries.</summary>
internal sealed class SpecFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("diagnose-e2e-").FullName;
    private readonly JsonObject _specs = new();

    public SpecFile()
    {
        Path = System.IO.Path.Combine(_directory, "specs.json");
        Save();
    }

    public string Path { get; }

    /// <summary>The ids of the specs added.</summary>
    public IReadOnlyList<string> Ids => _specs.Select(p => p.Key).ToList();

    public SpecFile Add(string id, string target, string value, string type = "log", string? name = null, string @event = "return", JsonObject? custom = null, double? lifespan = null)
    {
        var spec = new JsonObject
        {
            ["target"] = target,
            ["instrument"] = new JsonObject { ["type"] = type, ["name"] = name ?? id, ["value"] = value, ["event"] = @event, ["custom"] = custom ?? new JsonObject() },
        };
        if (lifespan is not null)
        {
            spec["lifespan"] = lifespan;
            spec["lastmodified"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ");
        }

        _specs[id] = spec;
        return this;
    }

    public SpecFile Remove(string id)
    {
        _specs.Remove(id);
        return this;
    }

    /// <summary>Writes the specs (atomically, as editors and ConfigMaps do).</summary>
    public SpecFile Save()
    {
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, _specs.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temporary, Path, overwrite: true);
        return this;
    }

    /// <summary>Writes raw text, e.g. something that is not JSON.</summary>
    public void SaveText(string text) => File.WriteAllText(Path, text);

    /// <summary>
    /// Waits until process <paramref name="pid"/> recorded spec <paramref name="id"/> in <c>applied</c> and returns its
    /// error (null: installed).
    /// </summary>
    public string? WaitApplied(int pid, string id, TimeSpan? timeout = null)
    {
        var key = $"{Environment.MachineName}:{pid}";
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (TryReadApplied(id, key, out var error))
            {
                return error;
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"process {pid} did not record spec '{id}' in {Path} in time: {SafeRead()}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A target may still be writing back; the folder is in /tmp.
        }
    }

    private bool TryReadApplied(string id, string key, out string? error)
    {
        error = null;
        try
        {
            var document = JsonNode.Parse(File.ReadAllText(Path));
            if (document?[id]?["applied"]?[key] is JsonObject entry)
            {
                error = entry["err"]?.GetValue<string>();
                return true;
            }
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // Being replaced right now.
        }

        return false;
    }

    private string SafeRead()
    {
        try
        {
            return File.ReadAllText(Path);
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
