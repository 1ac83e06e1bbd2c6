using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Diagnose.Native;
using Diagnose.Tests.Support;
using NUnit.Framework;

namespace Diagnose.Tests.Native;

/// <summary>The values the agent shares with the profiler are the ones profiler-native/include/diagnose/exports.h declares.</summary>
public sealed class NativeAbiTests
{
    private static readonly string s_header = Repository.Read("profiler-native", "include", "diagnose", "exports.h");

    [Test]
    public void TheAbiVersionIsTheHeaders()
    {
        var version = int.Parse(Regex.Match(s_header, @"kAbiVersion\s*=\s*(\d+)").Groups[1].Value);

        Assert.That(NativeAbi.AbiVersion, Is.EqualTo(version));
    }

    [TestCase("MethodState", typeof(NativeAbi.MethodState))]
    [TestCase("LogLevel", typeof(NativeAbi.LogLevel))]
    public void EnumValuesAreTheHeaders(string name, Type managed)
    {
        var body = Regex.Match(s_header, $@"enum class {name} : int32_t \{{(?<body>[^}}]*)\}}").Groups["body"].Value;
        var native = Regex.Matches(body, @"(\w+)\s*=\s*(\d+)").ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        var ours = Enum.GetValues(managed).Cast<object>().ToDictionary(v => v.ToString()!, v => (int)v);

        Assert.That(native, Is.Not.Empty);
        Assert.That(ours, Is.EquivalentTo(native));
    }

    [TestCase("MethodBody", typeof(NativeAbi.MethodBody))]
    [TestCase("MethodRef", typeof(NativeAbi.MethodRef))]
    [TestCase("ILMapEntry", typeof(NativeAbi.ILMapEntry))]
    public void SharedStructsHaveTheSizeTheHeaderAsserts(string name, Type managed)
    {
        var size = int.Parse(Regex.Match(s_header, $@"sizeof\({name}\)\s*==\s*(\d+)").Groups[1].Value);

        Assert.That(Marshal.SizeOf(managed), Is.EqualTo(size));
    }

    [Test]
    public void MethodBodyFieldsSitAtTheHeadersOffsets()
    {
        Assert.That(Marshal.OffsetOf<NativeAbi.MethodBody>(nameof(NativeAbi.MethodBody.ModuleId)), Is.EqualTo((nint)0));
        Assert.That(Marshal.OffsetOf<NativeAbi.MethodBody>(nameof(NativeAbi.MethodBody.MethodDef)), Is.EqualTo((nint)8));
        Assert.That(Marshal.OffsetOf<NativeAbi.MethodBody>(nameof(NativeAbi.MethodBody.IL)), Is.EqualTo((nint)16));
        Assert.That(Marshal.OffsetOf<NativeAbi.MethodBody>(nameof(NativeAbi.MethodBody.ILSize)), Is.EqualTo((nint)24));
        Assert.That(Marshal.OffsetOf<NativeAbi.MethodBody>(nameof(NativeAbi.MethodBody.Map)), Is.EqualTo((nint)32));
        Assert.That(Marshal.OffsetOf<NativeAbi.MethodBody>(nameof(NativeAbi.MethodBody.MapCount)), Is.EqualTo((nint)40));
        Assert.That(Marshal.OffsetOf<NativeAbi.ILMapEntry>(nameof(NativeAbi.ILMapEntry.NewOffset)), Is.EqualTo((nint)4));
        Assert.That(Marshal.OffsetOf<NativeAbi.MethodRef>(nameof(NativeAbi.MethodRef.MethodDef)), Is.EqualTo((nint)8));
    }

    [Test]
    public void TheBridgeBindsExactlyTheHeadersExports()
    {
        var declared = Regex.Matches(s_header, @"HRESULT (Diagnose\w+)\(").Select(m => m.Groups[1].Value).ToHashSet();
        var bridge = Repository.Read("agent", "Diagnose.Agent", "Native", "NativeBridge.cs");
        var bound = Regex.Matches(bridge, @"Export\(library, ""(Diagnose\w+)""\)").Select(m => m.Groups[1].Value).ToHashSet();

        Assert.That(bound, Is.EquivalentTo(declared));
    }

    [Test]
    public void TheProfilerClsidIsTheSameEverywhere()
    {
        var factory = Repository.Read("profiler-native", "src", "class_factory.h");
        var readme = Repository.Read("profiler-native", "README.md");

        Assert.That(factory, Does.Contain($"{{{NativeAbi.ProfilerClsid}}}"));
        Assert.That(readme, Does.Contain($"{{{NativeAbi.ProfilerClsid}}}"));
        Assert.That(Diagnose.Cli.InstallLayout.ProfilerClsid, Is.EqualTo($"{{{NativeAbi.ProfilerClsid}}}"));
        var parts = NativeAbi.ProfilerClsid.Split('-');
        Assert.That(factory, Does.Contain($"0x{parts[0]}, 0x{parts[1]}, 0x{parts[2]}"), "the GUID's bytes in the class factory");
    }
}
