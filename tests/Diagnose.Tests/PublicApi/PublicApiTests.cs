using System.Reflection;
using System.Text;
using Diagnose.Tests.Support;
using NUnit.Framework;

namespace Diagnose.Tests.PublicApi;

/// <summary>
/// The public surface users program against is small and deliberate: it must match the approved listing. To change
/// it on purpose, copy the .received.txt the failure writes over the .approved.txt.
/// </summary>
public sealed class PublicApiTests
{
    [TestCase(typeof(Probe), "Diagnose.Agent")]
    [TestCase(typeof(Diagnose.Protocol.Specs.Spec), "Diagnose.Protocol")]
    public void ThePublicApiIsTheApprovedOne(Type anyType, string name)
    {
        var listing = Describe(anyType.Assembly);
        var approved = Repository.Path("tests", "Diagnose.Tests", "PublicApi", $"{name}.approved.txt");
        var received = approved.Replace(".approved.txt", ".received.txt", StringComparison.Ordinal);
        var expected = File.Exists(approved) ? File.ReadAllText(approved) : string.Empty;
        if (listing != expected)
        {
            File.WriteAllText(received, listing);
        }

        Assert.That(listing, Is.EqualTo(expected), $"the public API of {name} changed; see {received}");
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.AppendLine($"{Kind(type)} {type.FullName}{Base(type)}");
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Concat(type.GetMembers(BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly).Where(IsProtected))
                .Where(m => m is not MethodInfo { IsSpecialName: true } && !(m is FieldInfo { IsSpecialName: true }))
                .Select(m => "  " + m.ToString())
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.AppendLine(member);
            }
        }

        return text.ToString().Replace("\r\n", "\n");
    }

    private static bool IsProtected(MemberInfo member) => member switch
    {
        MethodBase m => m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => (p.GetMethod ?? p.SetMethod) is { } accessor && (accessor.IsFamily || accessor.IsFamilyOrAssembly),
        _ => false,
    };

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : "class";

    private static string Base(Type type) =>
        type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? $" : {b.FullName}" : string.Empty;
}
