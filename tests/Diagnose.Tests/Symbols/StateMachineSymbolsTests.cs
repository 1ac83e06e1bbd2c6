using System.Reflection;
using System.Runtime.CompilerServices;
using Diagnose.Symbols;
using NUnit.Framework;

namespace Diagnose.Tests.Symbols;

/// <summary>Async methods and iterators: the kick-off method, its state machine's MoveNext, and the hoisted locals.</summary>
public sealed class StateMachineSymbolsTests
{
    private static MethodInfo Fixture(string name) => typeof(SymbolFixtures).GetMethod(name)!;

    [Test]
    public void AnAsyncMethodLeadsToItsStateMachinesMoveNextAndBack()
    {
        var kickoff = Fixture(nameof(SymbolFixtures.AcrossAwait));
        var symbols = MethodSymbols.For(kickoff);
        var moveNext = symbols.StateMachineMoveNext;

        Assert.That(moveNext, Is.Not.Null);
        Assert.That(moveNext!.Name, Is.EqualTo("MoveNext"));
        Assert.That(moveNext.DeclaringType, Is.EqualTo(kickoff.GetCustomAttribute<AsyncStateMachineAttribute>()!.StateMachineType));
        Assert.That(MethodSymbols.For(moveNext).StateMachineKickoff, Is.EqualTo(kickoff));
        Assert.That(symbols.StateMachineKickoff, Is.Null);
    }

    [Test]
    public void LocalsAcrossAnAwaitAreHoistedFieldsWithTheirScopesInMoveNext()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.AcrossAwait)));
        var moveNextLength = symbols.StateMachineMoveNext!.GetMethodBody()!.GetILAsByteArray()!.Length;

        Assert.That(symbols.HoistedLocals.Select(h => h.Name), Is.EqualTo(new[] { "before", "after" }));
        var before = symbols.FindHoisted("before")!;
        Assert.That(before.FieldName, Does.Match(@"^<before>5__\d+$"));
        Assert.That(before.Field.DeclaringType, Is.EqualTo(symbols.StateMachineMoveNext.DeclaringType));
        Assert.That(before.Field.FieldType, Is.EqualTo(typeof(int)));
        Assert.That(before.ScopeStart, Is.Not.Null);
        Assert.That(before.ScopeEnd, Is.GreaterThan(before.ScopeStart!.Value).And.LessThanOrEqualTo(moveNextLength));
        Assert.That(symbols.FindHoisted("count"), Is.Null, "parameters are not hoisted locals");
        Assert.That(symbols.FindHoisted("missing"), Is.Null);
    }

    [Test]
    public void TheHoistedFieldHoldsTheLocalsValueWhileTheMethodIsSuspended()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.AcrossAwait)));
        var stateMachineType = symbols.StateMachineMoveNext!.DeclaringType!;
        var before = symbols.FindHoisted("before")!.Field;
        object? seen = null;

        // Suspend at the await by running the state machine by hand, then read the field.
        var machine = Activator.CreateInstance(stateMachineType)!;
        stateMachineType.GetField("count")!.SetValue(machine, 21);
        stateMachineType.GetField("<>t__builder")!.SetValue(machine, AsyncTaskMethodBuilder<int>.Create());
        stateMachineType.GetField("<>1__state")!.SetValue(machine, -1);
        var context = SynchronizationContext.Current;
        try
        {
            SynchronizationContext.SetSynchronizationContext(new DeferringContext());
            ((IAsyncStateMachine)machine).MoveNext();
            seen = before.GetValue(machine);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }

        Assert.That(seen, Is.EqualTo(42));
    }

    [Test]
    public void AnIteratorsLoopVariableIsHoistedAndItsMoveNextHasTheYieldLine()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.Countdown)));
        var moveNext = MethodSymbols.For(symbols.StateMachineMoveNext!);

        Assert.That(symbols.HoistedLocals.Select(h => h.Name), Is.EqualTo(new[] { "current" }));
        Assert.That(symbols.HoistedLocals[0].FieldName, Does.StartWith("<current>5__"));
        Assert.That(moveNext.StateMachineKickoff, Is.EqualTo(Fixture(nameof(SymbolFixtures.Countdown))));
        Assert.That(moveNext.SequencePoints.Select(p => p.StartLine), Does.Contain(SymbolFixtures.LineOf("yield")));
        Assert.That(moveNext.HoistedLocals.Select(h => h.Name), Is.EqualTo(new[] { "current" }), "MoveNext lists its own state machine's fields too");
    }

    [Test]
    public void AnAsyncIteratorLeadsToMoveNextNotMoveNextAsync()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.Ticks)));

        Assert.That(symbols.StateMachineMoveNext!.Name, Is.EqualTo("MoveNext"));
        Assert.That(symbols.StateMachineMoveNext.GetParameters(), Is.Empty);
        Assert.That(symbols.HoistedLocals.Select(h => h.Name), Is.EqualTo(new[] { "tick" }));
    }

    [Test]
    public void TheKickoffMethodsDocumentAndLinesComeFromMoveNext()
    {
        var kickoff = MethodSymbols.For(Fixture(nameof(SymbolFixtures.AcrossAwait)));
        var moveNext = MethodSymbols.For(kickoff.StateMachineMoveNext!);
        var afterAwait = SymbolFixtures.LineOf("after await");

        Assert.That(kickoff.DocumentPath, Is.EqualTo(SymbolFixtures.SourceFile));
        Assert.That(kickoff.SourceLine(afterAwait), Does.Contain("var after = before + 1;"));
        Assert.That(moveNext.SequencePoints.Where(p => !p.IsHidden).Select(p => p.StartLine), Does.Contain(afterAwait));
    }

    [Test]
    public void AnOrdinaryMethodHasNoStateMachine()
    {
        var symbols = MethodSymbols.For(Fixture(nameof(SymbolFixtures.SlowLine)));

        Assert.That(symbols.StateMachineMoveNext, Is.Null);
        Assert.That(symbols.StateMachineKickoff, Is.Null);
        Assert.That(symbols.HoistedLocals, Is.Empty);
    }

    [TestCase("<before>5__1", "before", 0)]
    [TestCase("<after>5__12", "after", 11)]
    [TestCase("<>1__state", null, 0)]
    [TestCase("<>s__3", null, 0)]
    [TestCase("<>8__1", null, 0)]
    [TestCase("<x>5__0", null, 0)]
    [TestCase("<x>5__", null, 0)]
    [TestCase("count", null, 0)]
    public void OnlyFieldsNamedLikeHoistedUserLocalsAreParsed(string field, string? name, int slot)
    {
        var parsed = StateMachines.ParseHoistedName(field);

        Assert.That(parsed?.Name, Is.EqualTo(name));
        if (name is not null)
        {
            Assert.That(parsed!.Value.Slot, Is.EqualTo(slot));
        }
    }

    /// <summary>Keeps posted continuations instead of running them, so the state machine stays suspended.</summary>
    private sealed class DeferringContext : SynchronizationContext
    {
        public override void Post(SendOrPostCallback d, object? state)
        {
        }
    }
}
