using OpenTelemetry.Resources;

namespace Diagnose.Cli.Otlp;

/// <summary>
/// The OpenTelemetry resource of one target process: <c>service.name</c> (the process's name; for <c>dotnet app.dll</c>
/// the app's name), <c>service.instance.id</c> (its Diagnose process key, host:pid), <c>host.name</c> and
/// <c>process.pid</c>. <c>OTEL_RESOURCE_ATTRIBUTES</c> and <c>OTEL_SERVICE_NAME</c> of the diagnose process override
/// the service name and add attributes; host.name and process.pid always describe the target.
/// </summary>
internal static class ProcessResource
{
    public static ResourceBuilder For(int pid, string? name)
    {
        var service = ServiceName(pid, name);
        return ResourceBuilder.CreateEmpty()
            .AddService(service, serviceInstanceId: Protocol.Specs.ProcessKey.For(Environment.MachineName, pid))
            .AddTelemetrySdk()
            .AddEnvironmentVariableDetector()
            .AddAttributes([new("host.name", Environment.MachineName), new("process.pid", (long)pid)]);
    }

    /// <summary>The process's name, or the assembly it runs when that name is the <c>dotnet</c> host's.</summary>
    internal static string ServiceName(int pid, string? name)
    {
        name ??= Read($"/proc/{pid}/comm")?.Trim();
        if (name == "dotnet" && Read($"/proc/{pid}/cmdline") is { } commandLine)
        {
            var app = commandLine.Split('\0').Skip(1).FirstOrDefault(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            if (app is not null)
            {
                return Path.GetFileNameWithoutExtension(app);
            }
        }

        return string.IsNullOrEmpty(name) ? $"process-{pid}" : name;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
