using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Diagnose.Targets;

/// <summary>
/// The types every assembly this process can load by name defines (the runtime's trusted platform assemblies: the
/// framework's and the app's, and the dlls in the app's directory), read from their metadata on disk without loading
/// them, plus those of loaded assemblies from elsewhere. Consulted when a target's type is not loaded: it says whether
/// an assembly not loaded yet defines it (then the probe waits for that assembly) and which names are close (then it
/// is a typo). Built once, on first need (about 40,000 names; see README's performance table).
/// </summary>
internal static class TypeIndex
{
    private static readonly object s_gate = new();
    private static Index? s_index;
    private static int s_loadedSeen;

    /// <summary>The simple name of the assembly defining <paramref name="typeName"/> (nested types with '.' or '+'), or null.</summary>
    public static string? AssemblyOf(string typeName) => Current().Types.TryGetValue(Normalize(typeName), out var type) ? type.Assembly : null;

    /// <summary>The names closest to <paramref name="typeName"/>: framework types only when it looks like one.</summary>
    public static IReadOnlyList<string> Closest(string typeName)
    {
        var written = Normalize(typeName);
        var framework = IsFrameworkName(written);
        var index = Current();
        return Diagnose.Protocol.Naming.Spelling.Closest(written, index.Types.Where(t => framework || !t.Value.Framework).Select(t => t.Key));
    }

    internal static string Normalize(string typeName) => typeName.Replace('+', '.');

    private static Index Current()
    {
        lock (s_gate)
        {
            var loaded = AppDomain.CurrentDomain.GetAssemblies();
            if (s_index is null)
            {
                s_index = Build();
            }

            if (loaded.Length != s_loadedSeen)
            {
                // Assemblies loaded from elsewhere (a plugin directory, a byte array) are read from memory.
                foreach (var assembly in loaded.Where(a => !a.IsDynamic && !s_index.Read.Contains(a.GetName().Name ?? "")))
                {
                    AddLoaded(s_index, assembly);
                }

                s_loadedSeen = loaded.Length;
            }

            return s_index;
        }
    }

    private static Index Build()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var index = new Index();
        var paths = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).ToList();
        try
        {
            paths.AddRange(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            AgentLog.Debug($"targets: the app's directory cannot be listed: {e.Message}");
        }

        // The shared framework's directory (in a self-contained app it is the app's own: names tell there).
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
        if (string.Equals(Path.TrimEndingDirectorySeparator(frameworkDirectory), Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), StringComparison.Ordinal))
        {
            frameworkDirectory = "";
        }

        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var pe = new PEReader(stream);
                if (pe.HasMetadata)
                {
                    var framework = frameworkDirectory.Length > 0 && string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal);
                    Add(index, pe.GetMetadataReader(), framework);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
            {
                AgentLog.Debug($"targets: {path} was not read: {e.Message}");
            }
        }

        AgentLog.Info($"targets: read the names of {index.Types.Count} types in {index.Read.Count} assemblies in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms (a target's type was not loaded)");
        return index;
    }

    private static unsafe void AddLoaded(Index index, Assembly assembly)
    {
        try
        {
            if (assembly.TryGetRawMetadata(out var blob, out var length))
            {
                Add(index, new MetadataReader(blob, length), framework: false);
            }
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException)
        {
            AgentLog.Debug($"targets: the metadata of {assembly.GetName().Name} was not read: {e.Message}");
        }
    }

    private static void Add(Index index, MetadataReader reader, bool framework)
    {
        if (!reader.IsAssembly)
        {
            return;
        }

        var assembly = reader.GetString(reader.GetAssemblyDefinition().Name);
        if (!index.Read.Add(assembly) || assembly.StartsWith("Diagnose.", StringComparison.Ordinal))
        {
            return;
        }

        framework |= IsFrameworkName(assembly) || assembly is "mscorlib" or "netstandard";
        foreach (var handle in reader.TypeDefinitions)
        {
            var name = FullName(reader, reader.GetTypeDefinition(handle));
            if (name is not null)
            {
                index.Types.TryAdd(name, (assembly, framework));
            }
        }
    }

    /// <summary>Namespace.Outer.Inner, or null for the module type and compiler-generated types.</summary>
    private static string? FullName(MetadataReader reader, TypeDefinition type)
    {
        var name = reader.GetString(type.Name);
        if (name.StartsWith('<'))
        {
            return null;
        }

        var declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return FullName(reader, reader.GetTypeDefinition(declaring)) is { } outer ? $"{outer}.{name}" : null;
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    private static bool IsFrameworkName(string name) => name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal) || name == "System";

    private sealed class Index
    {
        public Dictionary<string, (string Assembly, bool Framework)> Types { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Read { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
