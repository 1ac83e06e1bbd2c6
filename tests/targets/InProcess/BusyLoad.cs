using System.Runtime.CompilerServices;
using System.Web;
using Diagnose;

namespace Sample;

/// <summary>
/// A pending probe whose assembly loads while another thread is installing a probe and, holding the agent's locks,
/// needs that very assembly. The runtime keeps the assembly's load lock while it raises AssemblyLoad, where the agent
/// installs the pending probe: without patience the two threads wait for each other forever.
/// "busy-load" sets it up and returns what both probes became; "htmlencode TEXT" calls the pending target.
/// </summary>
public static class BusyLoad
{
    private const string Assembly = "System.Web.HttpUtility";

    public static string Run()
    {
        using var loading = new ManualResetEventSlim();
        using var stalled = new ManualResetEventSlim();

        // Registered before the agent's handler (the first probe below registers that one), so it runs first.
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
        {
            if (e.LoadedAssembly.GetName().Name == Assembly)
            {
                loading.Set();
            }
        };

        var pending = Probes.AttachTo("System.Web.HttpUtility.HtmlEncode(string)");
        pending.Instruments["encode"] = new LogInstrument("encode", "s", InstrumentEvent.Call);
        pending.Start();

        var busy = Probes.AttachTo("Sample.Calculator.Square");
        busy.Instruments["stall"] = new StallingInstrument(stalled, loading);
        var installer = new Thread(busy.Start) { IsBackground = true };
        installer.Start();
        stalled.Wait();

        var encoded = Encode("<b>");
        installer.Join();
        return $"= {encoded} pending={pending.State} busy={busy.State}";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Encode(string text) => HttpUtility.HtmlEncode(text);

    /// <summary>
    /// Asked whether it may re-enter while its site is built (with the agent's locks held), it waits until the
    /// application thread is loading the assembly and then needs that assembly too, and one more that is not loaded yet.
    /// </summary>
    private sealed class StallingInstrument(ManualResetEventSlim stalled, ManualResetEventSlim loading) : Instrument("stall", "x", InstrumentEvent.Call)
    {
        protected override bool MayReenter
        {
            get
            {
                stalled.Set();
                if (loading.Wait(TimeSpan.FromSeconds(30)))
                {
                    System.Reflection.Assembly.Load(Assembly);

                    // An assembly nothing else loads: its load event, on this thread, meets the application thread's
                    // (which framework assembly the agent's own code happens to load here first is an accident).
                    System.Reflection.Assembly.Load("System.Formats.Tar");
                }

                return true;
            }
        }

        protected override void Fire(object? value, IReadOnlyList<string> tags)
        {
        }
    }
}
