using System.Text.Json.Nodes;
using Diagnose.Management;
using NUnit.Framework;

namespace Diagnose.Tests.Management;

/// <summary>A spec's instrument type: a manager's class by its name, else a loaded class by its full name.</summary>
public sealed class InstrumentTypesTests
{
    private static readonly Dictionary<string, Type> s_builtIn = new(InstrumentFactory.BuiltIn);

    [Test]
    public void AClassOfALoadedAssemblyIsFoundByItsFullName()
    {
        var type = InstrumentTypes.Find(typeof(Usable).FullName!, s_builtIn, out var error);

        Assert.That(error, Is.Null);
        Assert.That(type, Is.EqualTo(typeof(Usable)));
    }

    [Test]
    public void AnAssemblyNameInBracketsPicksTheAssembly()
    {
        var name = typeof(Usable).Assembly.GetName().Name;

        Assert.That(InstrumentTypes.Find($"[{name}]{typeof(Usable).FullName}", s_builtIn, out _), Is.EqualTo(typeof(Usable)));
        Assert.That(InstrumentTypes.Find($"[Other]{typeof(Usable).FullName}", s_builtIn, out var error), Is.Null);
        Assert.That(error, Does.StartWith($"no loaded assembly has a class '{typeof(Usable).FullName}' in an assembly 'Other' (is the assembly loaded yet?"));
    }

    [Test]
    public void ARegisteredNameComesBeforeAnyLookUp()
    {
        var classes = new Dictionary<string, Type>(s_builtIn) { [typeof(Usable).FullName!] = typeof(LogInstrument) };

        Assert.That(InstrumentTypes.Find(typeof(Usable).FullName!, classes, out _), Is.EqualTo(typeof(LogInstrument)));
    }

    [Test]
    public void ANameWithoutADotThatNamesNothingIsAnUnknownType()
    {
        Assert.That(InstrumentTypes.Find("nope", s_builtIn, out var error), Is.Null);
        Assert.That(error, Is.EqualTo("unknown instrument type 'nope' (known: log, hist, incr, gauge, test, snapshot)"));
    }

    [TestCase(typeof(Hidden), "is not public")]
    [TestCase(typeof(Open<>), "is generic (an instrument class needs all its type arguments)")]
    public void AClassThatCannotBeMadeFromASpecIsRefusedWithWhy(Type type, string why)
    {
        Assert.That(InstrumentTypes.Find(type.FullName!, s_builtIn, out var error), Is.Null);
        Assert.That(error, Is.EqualTo($"'{type.FullName}' {why}"));
    }

    public sealed class Usable(string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)
        : Instrument(name, value, @event, expires, custom)
    {
        protected internal override void Fire(object? value, IReadOnlyList<string> tags)
        {
        }
    }

    public sealed class Open<T>(string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)
        : Instrument(name, value, @event, expires, custom)
    {
        protected internal override void Fire(object? value, IReadOnlyList<string> tags)
        {
        }
    }

    internal sealed class Hidden(string name, string value, InstrumentEvent @event, DateTimeOffset? expires, JsonObject? custom)
        : Instrument(name, value, @event, expires, custom)
    {
        protected internal override void Fire(object? value, IReadOnlyList<string> tags)
        {
        }
    }
}
