namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// The tool package build/build.sh made (out/packages), installed as a user does: <c>dotnet tool install --tool-path
/// DIR --add-source out/packages diagnose</c>. Offline: in a folder whose nuget.config knows out/packages only, with
/// its own NuGet cache (a package of the same version built earlier must not be taken from ~/.nuget) and a proxy
/// that answers nothing, so that any use of the network would make the install fail.
/// </summary>
internal sealed class InstalledTool : IDisposable
{
    private InstalledTool(string folder, ToolRun install)
    {
        Folder = folder;
        InstallRun = install;
    }

    /// <summary>The folder the test owns; the tool is in <c>tools/</c>.</summary>
    public string Folder { get; }

    /// <summary>What <c>dotnet tool install</c> answered.</summary>
    public ToolRun InstallRun { get; }

    /// <summary>The command the install put there (the tool's shim).</summary>
    public string Diagnose => Path.Combine(Folder, "tools", "diagnose");

    /// <summary>The package's version, from its file name (<c>diagnose.0.1.0.nupkg</c>).</summary>
    public static string PackageVersion => Path.GetFileNameWithoutExtension(Package)["diagnose.".Length..];

    private static string Packages => Path.Combine(Installation.Out, "packages");

    private static string Package => Directory.GetFiles(Packages, "diagnose.*.nupkg").SingleOrDefault()
        ?? throw new FileNotFoundException($"no single diagnose.*.nupkg in {Packages}: run build/build.sh first");

    public static InstalledTool Install()
    {
        var folder = Directory.CreateTempSubdirectory("diagnose-tool-test-").FullName;
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="diagnose" value="{Packages}" />
              </packageSources>
            </configuration>
            """);
        var environment = new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(folder, "nuget"),
            ["http_proxy"] = "http://127.0.0.1:9",
            ["https_proxy"] = "http://127.0.0.1:9",
            ["HTTP_PROXY"] = "http://127.0.0.1:9",
            ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        _ = Package; // a clear error when build/build.sh has not run
        var install = ToolRun.Program("dotnet", ["tool", "install", "--tool-path", Path.Combine(folder, "tools"), "--add-source", Packages, "diagnose"], folder, environment, TimeSpan.FromMinutes(3));
        return new InstalledTool(folder, install);
    }

    /// <summary>The installed command, with DIAGNOSE_HOME unset: it must find its parts by itself.</summary>
    public ToolRun Run(params string[] arguments) =>
        ToolRun.Program(Diagnose, arguments, Folder, new Dictionary<string, string?> { ["DIAGNOSE_HOME"] = null }, TimeSpan.FromSeconds(60));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
