namespace Diagnose.Cli.Discovery;

/// <summary>Which kind of assembly a file is, for what <c>methods</c> lists by default.</summary>
internal enum AssemblyKind
{
    /// <summary>The application's own code and its libraries: listed by default.</summary>
    App = 0,

    /// <summary>Part of the .NET runtime (the shared framework, or a self-contained app's runtime pack).</summary>
    Framework = 1,

    /// <summary>Diagnose's own agent and protocol, which it never probes.</summary>
    Diagnose = 2,
}

/// <summary>An assembly on disk: its path, its simple name (the file name without .dll) and its kind.</summary>
internal sealed record AssemblyFile(string Path, string Name, AssemblyKind Kind);
