namespace Diagnose.Differential.Workloads.Yaml;

/// <summary>A configuration-like object graph: what YAML usually carries.</summary>
public sealed class ServiceSettings
{
    public string Name { get; set; } = string.Empty;

    public int Replicas { get; set; }

    public double CpuLimit { get; set; }

    public bool Enabled { get; set; }

    public DateTime? Deployed { get; set; }

    public LogLevel Level { get; set; }

    public List<Endpoint> Endpoints { get; set; } = new();

    public Dictionary<string, string> Labels { get; set; } = new();

    public string[] Args { get; set; } = [];

    public string? Script { get; set; }

    public decimal Budget { get; set; }

    public char Separator { get; set; }

    public TimeSpan Timeout { get; set; }
}

public sealed class Endpoint
{
    public string Path { get; set; } = "/";

    public int Port { get; set; }

    public List<string> Methods { get; set; } = new();

    public Endpoint? Fallback { get; set; }
}

public enum LogLevel
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
}
