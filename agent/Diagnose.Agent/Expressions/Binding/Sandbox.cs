using System.Reflection;

namespace Diagnose.Expressions;

/// <summary>
/// The part of <see cref="AllowList"/> that keeps restricted mode (the default) away from what the process knows of
/// its environment, configuration and file system layout: environment variables, the command line, the current and
/// base directories, the machine and user names, AppContext data, where assemblies were loaded from, files and
/// processes, the registry and configuration providers. It refuses reads (fields, properties, indexers) as well as
/// calls, public or not, and applies to a member when its declaring type, an outer type, a base type or an interface
/// is listed. Types are named by their full names, so that naming one loads nothing.
/// </summary>
internal static class Sandbox
{
    public const string Reason = "it reads the environment, configuration or file system";

    // Members that say nothing about the environment, allowed on every type below.
    private static readonly HashSet<string> Harmless = ["Equals", "GetHashCode", "GetType"];

    // Types whose members are all refused except these (the harmless ones besides).
    private static readonly Dictionary<string, HashSet<string>> Closed = new(StringComparer.Ordinal)
    {
        ["System.Environment"] =
        [
            "ProcessorCount", "TickCount", "TickCount64", "CurrentManagedThreadId", "ProcessId", "NewLine", "Is64BitProcess",
            "Is64BitOperatingSystem", "HasShutdownStarted", "Version", "WorkingSet", "SystemPageSize", "StackTrace",
        ],
        ["System.AppContext"] = [],
        ["System.AppDomain"] = ["CurrentDomain", "Id", "FriendlyName", "IsFullyTrusted", "IsHomogenous", "ToString"],
        ["System.Reflection.Assembly"] = ["FullName", "IsDynamic", "IsCollectible", "ReflectionOnly", "IsFullyTrusted", "ImageRuntimeVersion", "ToString"],
        ["System.Reflection.Module"] = ["Name", "ScopeName", "MetadataToken", "ModuleVersionId", "MDStreamVersion", "ToString"],
        ["System.Reflection.AssemblyName"] = ["Name", "Version", "FullName", "CultureName", "CultureInfo", "ContentType", "Flags", "ToString"],
        ["System.Runtime.Loader.AssemblyLoadContext"] = ["Name", "IsCollectible"],
        ["System.Runtime.Loader.AssemblyDependencyResolver"] = [],
        ["System.IO.File"] = [],
        ["System.IO.Directory"] = [],
        ["System.IO.FileSystemInfo"] = [],
        ["System.IO.DriveInfo"] = [],
        ["System.IO.FileSystemWatcher"] = [],
        ["System.IO.RandomAccess"] = [],
        ["System.IO.Path"] = ["DirectorySeparatorChar", "AltDirectorySeparatorChar", "VolumeSeparatorChar", "PathSeparator"],
        ["System.IO.FileStream"] = ["Length", "Position", "CanRead", "CanWrite", "CanSeek", "CanTimeout", "IsAsync", "ToString"],
        ["System.Diagnostics.Process"] = ["Id"],
        ["System.Diagnostics.ProcessStartInfo"] = [],
        ["System.Diagnostics.ProcessModule"] = [],
        ["System.Diagnostics.FileVersionInfo"] = [],
    };

    // Members refused on types that are otherwise open: the ways from any value to its assembly and that assembly's file.
    private static readonly Dictionary<string, HashSet<string>> Refused = new(StringComparer.Ordinal)
    {
        ["System.Type"] = ["Assembly"],
        ["System.Reflection.MemberInfo"] = ["Module"],
        ["Microsoft.Extensions.Hosting.IHostEnvironment"] = ["ContentRootPath", "ContentRootFileProvider"],
        ["Microsoft.Extensions.Hosting.IHostingEnvironment"] = ["ContentRootPath", "ContentRootFileProvider"],
        ["Microsoft.AspNetCore.Hosting.IWebHostEnvironment"] = ["WebRootPath", "WebRootFileProvider"],
        ["Microsoft.AspNetCore.Hosting.IHostingEnvironment"] = ["ContentRootPath", "ContentRootFileProvider", "WebRootPath", "WebRootFileProvider"],
    };

    // Namespaces whose types are closed entirely (the harmless members aside).
    private static readonly string[] ClosedNamespaces =
    [
        "Microsoft.Win32", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.FileProviders", "System.Configuration",
        "System.IO.IsolatedStorage", "System.IO.Enumeration",
    ];

    private static readonly string[] ReaderPrefixes = ["Get", "TryGet", "Read", "Enumerate", "Exists", "Expand", "Is", "Has", "Open"];

    /// <summary>
    /// Whether the sandbox is why a call is refused: a sandboxed method whose name says it reads (Get…, Read…,
    /// Exists…); other refused calls (File.Delete, Environment.Exit) are refused for their side effects.
    /// </summary>
    public static bool RefusesAsReader(MethodBase method) =>
        Refuses(method) && ReaderPrefixes.Any(p => method.Name.StartsWith(p, StringComparison.Ordinal)) ||
        method.Name is "ToString" && Refuses(method);

    /// <summary>Whether <paramref name="member"/> (a field, property, indexer or method) is refused in restricted mode.</summary>
    public static bool Refuses(MemberInfo member)
    {
        if (member is FieldInfo { IsLiteral: true })
        {
            return false; // constants and enum members (Environment.SpecialFolder.UserProfile) hold nothing of the process
        }

        var name = member is MethodInfo { IsSpecialName: true } accessor && accessor.Name.StartsWith("get_", StringComparison.Ordinal)
            ? accessor.Name[4..]
            : member.Name;
        for (var type = member.DeclaringType; type is not null; type = type.DeclaringType)
        {
            if (Levels(type).Any(level => RefusesOn(level, name)))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<Type> Levels(Type type)
    {
        for (var level = type; level is not null; level = level.BaseType)
        {
            yield return level;
        }

        foreach (var face in type.GetInterfaces())
        {
            yield return face;
        }
    }

    private static bool RefusesOn(Type level, string name)
    {
        var fullName = (level.IsGenericType ? level.GetGenericTypeDefinition() : level).FullName ?? "";
        if (Closed.TryGetValue(fullName, out var allowed))
        {
            return !allowed.Contains(name) && !Harmless.Contains(name);
        }

        if (Refused.TryGetValue(fullName, out var refused))
        {
            return refused.Contains(name);
        }

        var ns = level.Namespace ?? "";
        return !Harmless.Contains(name) &&
            ClosedNamespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal));
    }
}
