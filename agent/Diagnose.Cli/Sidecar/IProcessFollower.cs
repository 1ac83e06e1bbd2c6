namespace Diagnose.Cli.Sidecar;

/// <summary>Something that follows each process the sidecar keeps in line (the OTLP export), from ready to gone.</summary>
internal interface IProcessFollower
{
    /// <summary>Diagnose is ready in process <paramref name="pid"/> (again, after a failure: the call is idempotent).</summary>
    /// <exception cref="CliException">The process cannot be followed now; the sidecar tries again later.</exception>
    void Follow(int pid, string name);

    /// <summary>Process <paramref name="pid"/> has ended.</summary>
    void Forget(int pid);
}
