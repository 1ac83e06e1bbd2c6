using System.Runtime.CompilerServices;
using Diagnose;

namespace Sample;

/// <summary>
/// A check-then-act race, reproduced on purpose with a breakpoint: two withdrawals of 80 from a balance of 100 both
/// pass the check when the first is held between its check and its act ("race held"); run one after the other they
/// do not ("race sequential"). Also the breakpoint's own rules: "breakpoint-timeout", "breakpoint-dispose",
/// "breakpoint-do", "breakpoint-miss".
/// </summary>
public static class Race
{
    public static string Run(string mode) => mode switch
    {
        "sequential" => Sequential(),
        "held" => Held(),
        "breakpoint-timeout" => HoldTimesOut(),
        "breakpoint-dispose" => DisposeReleases(),
        "breakpoint-do" => DoRunsOnTheHeldThread(),
        "breakpoint-miss" => ConditionThatNeverHolds(),
        _ => throw new ArgumentException($"unknown race mode '{mode}'"),
    };

    private static string Sequential()
    {
        var account = new Account(100);
        var first = account.TryWithdraw(80);
        var second = account.TryWithdraw(80);
        return $"= {account.Balance} {first} {second}";
    }

    private static string Held()
    {
        var account = new Account(100);
        using var breakpoint = Breakpoint.At("Sample.Account.Apply", BreakpointEvent.Call, condition: "amount == 80");
        var first = Task.Factory.StartNew(() => account.TryWithdraw(80), TaskCreationOptions.LongRunning);
        if (!breakpoint.WaitHit(TimeSpan.FromSeconds(30)))
        {
            return "! the first withdrawal never reached Apply";
        }

        var second = account.TryWithdraw(80); // checks while the first is held after its check: both pass
        breakpoint.Release();
        var firstDone = first.Result; // the first thread's Apply has run once its result is here
        return $"= {account.Balance} {firstDone} {second} hits={breakpoint.Hits}";
    }

    private static string HoldTimesOut()
    {
        var account = new Account(100);
        using var breakpoint = Breakpoint.At("Sample.Account.Apply", holdTimeout: TimeSpan.FromMilliseconds(200));
        var first = Task.Factory.StartNew(() => account.TryWithdraw(30), TaskCreationOptions.LongRunning);
        var held = breakpoint.WaitHit(TimeSpan.FromSeconds(30));
        var done = first.Result; // never released: it goes on after the hold timeout
        return $"= {held} {done} {account.Balance}";
    }

    private static string DisposeReleases()
    {
        var account = new Account(100);
        var breakpoint = Breakpoint.At("Sample.Account.Apply");
        var first = Task.Factory.StartNew(() => account.TryWithdraw(30), TaskCreationOptions.LongRunning);
        var held = breakpoint.WaitHit(TimeSpan.FromSeconds(30));
        breakpoint.Dispose(); // lets the thread go and removes the probe
        var done = first.Result;
        var after = account.TryWithdraw(30); // not held: the breakpoint is gone
        return $"= {held} {done} {after} {account.Balance}";
    }

    private static string DoRunsOnTheHeldThread()
    {
        var account = new Account(100);
        using var breakpoint = Breakpoint.At("Sample.Account.Apply", BreakpointEvent.Call);
        var heldThread = 0;
        var first = Task.Factory.StartNew(() =>
        {
            heldThread = Environment.CurrentManagedThreadId;
            return account.TryWithdraw(30);
        }, TaskCreationOptions.LongRunning);
        breakpoint.WaitHit(TimeSpan.FromSeconds(30));
        var ranOn = 0;
        breakpoint.Do(() => ranOn = Environment.CurrentManagedThreadId);
        var balanceWhileHeld = account.Balance;
        breakpoint.Release();
        return $"= {ranOn == heldThread} {ranOn != Environment.CurrentManagedThreadId} {balanceWhileHeld} {first.Result} {account.Balance}";
    }

    private static string ConditionThatNeverHolds()
    {
        var account = new Account(100);
        using var breakpoint = Breakpoint.At("Sample.Account.Apply", BreakpointEvent.Call, condition: "amount == 999");
        var withdrew = account.TryWithdraw(10);
        return $"= {breakpoint.WaitHit(TimeSpan.Zero)} {withdrew} {account.Balance} hits={breakpoint.Hits}";
    }
}

/// <summary>A balance checked, then changed, with nothing in between that keeps another thread out.</summary>
public sealed class Account(int balance)
{
    public int Balance => balance;

    public bool TryWithdraw(int amount)
    {
        if (balance < amount)
        {
            return false;
        }

        Apply(amount);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Apply(int amount) => balance -= amount;
}
