using System.Reflection;
using System.Runtime.Loader;

namespace Sample;

/// <summary>
/// Sample's commands plus "own-types" (loads the app's instrument classes and so its Diagnose.Agent, and prints where
/// that came from) and "load-plugin" (loads OwnInstruments.Plugin and its own Diagnose.Agent into a load context
/// 'plugin').
/// </summary>
public static class Program
{
    public static int Main()
    {
        Console.WriteLine($"ready {Environment.ProcessId} .NET {Environment.Version}");
        return CommandLoop.Run(parts => parts[0] switch
        {
            "own-types" => $"= {OwnTypes()}",
            "load-plugin" => $"= {LoadPlugin()}",
            _ => null,
        });
    }

    private static string OwnTypes() => typeof(MyCompany.Diag.SlowLog).BaseType!.Assembly.Location;

    private static string LoadPlugin()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "plugin");
        var context = new PluginContext(folder);
        var plugin = context.LoadFromAssemblyPath(Path.Combine(folder, "OwnInstruments.Plugin.dll"));
        return plugin.GetType("Plugin.Diag.PluginLog", throwOnError: true)!.BaseType!.Assembly.Location;
    }

    /// <summary>A plugin's load context that takes every assembly it can from the plugin's folder, Diagnose.Agent too.</summary>
    private sealed class PluginContext(string folder) : AssemblyLoadContext("plugin")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
