using NUnit.Framework;

namespace Diagnose.EndToEnd.Tests.Support;

/// <summary>
/// The configurations issue 5 requires: .NET 10 and .NET 8, launched and attached, with tiered compilation as it
/// comes, with <c>DOTNET_TieredPGO=0</c>, and with <c>DOTNET_ReadyToRun=0</c> (framework code JIT-compiled).
/// </summary>
public static class RuntimeVariants
{
    public const string Default = "default";

    private static readonly string[] s_variants = [Default, "DOTNET_TieredPGO=0", "DOTNET_ReadyToRun=0"];

    public static IEnumerable<TestFixtureData> All() =>
        from runtime in new[] { TargetRuntime.Net10, TargetRuntime.Net8 }
        from mode in new[] { StartMode.Launched, StartMode.Attached }
        from variant in s_variants
        select new TestFixtureData(runtime, mode, variant);

    public static IEnumerable<TestFixtureData> Net10() => All().Where(f => (TargetRuntime)f.Arguments[0]! == TargetRuntime.Net10);

    public static IReadOnlyDictionary<string, string> Environment(string variant) =>
        variant == Default ? new Dictionary<string, string>() : new Dictionary<string, string> { [variant.Split('=')[0]] = variant.Split('=')[1] };
}
