using System.CommandLine;
using System.Runtime.InteropServices;
using Diagnose.Cli.Otlp;
using Diagnose.Cli.Sidecar;
using Diagnose.Cli.Stores;
using Serilog;

namespace Diagnose.Cli.Commands;

/// <summary>
/// <c>diagnose sidecar --store …</c>: beside an app (a container sharing its process namespace and /tmp), keeps the
/// probes of every .NET process in line with a store, and writes each process's applied entries back into it.
/// </summary>
internal static class SidecarCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "A JSON spec file or directory (e.g. a mounted ConfigMap), or postgres://user:password@host:port/database?table=diagnose_specs", Required = true };
        var interval = new Option<double>("--interval") { Description = "Seconds between rounds: a change of the store reaches the processes within about this time", DefaultValueFactory = _ => 2 };
        var match = new Option<string[]>("--match") { Description = "Only processes whose command line contains this text (repeatable)", AllowMultipleArgumentsPerToken = false };
        var exclude = new Option<string[]>("--exclude") { Description = "Never processes whose command line contains this text (repeatable); .NET SDK tools are always left alone" };
        var otlp = OtlpOption.Create();
        var key = KeyArgument.Option("Send only specs signed with the key in this file (diagnose sign); the others get 'signature does not match' or 'spec is not signed' in their applied entries and never reach a process");
        var command = new Command("sidecar", "Attach to every .NET process you can see and keep its probes in line with a store; each process's outcome is written back into the store's applied entries. Runs until stopped (SIGTERM, Ctrl-C).\n\nExamples:\n  diagnose sidecar --store /etc/diagnose/specs\n  diagnose sidecar --store postgres://diagnose:secret@db:5432/ops --match MyService.dll\n  diagnose sidecar --store /etc/diagnose/specs --otlp http://otel-collector:4318")
        {
            store, interval, match, exclude, otlp, key,
        };
        command.SetAction(result => Run(
            result.GetValue(store)!,
            TimeSpan.FromSeconds(Math.Max(0.1, result.GetValue(interval))),
            new ProcessFilter(result.GetValue(match) ?? [], result.GetValue(exclude) ?? []),
            OtlpOption.SettingsOf(result, otlp),
            result.GetValue(key) is { } keyFile ? KeyArgument.Read(keyFile) : null));
        return command;
    }

    private static int Run(string storeValue, TimeSpan interval, ProcessFilter filter, OtlpSettings? otlpSettings, Protocol.Specs.SpecKey? key)
    {
        var layout = InstallLayout.Find();
        using var log = new LoggerConfiguration().WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}").CreateLogger();
        var specStore = StoreLocation.Open(storeValue, message => log.Warning("store: {Problem}", message));
        using var disposable = specStore as IDisposable;
        using var otlp = otlpSettings is null ? null : OtlpExport.Start(otlpSettings, Console.Error); // disposed after the sessions: flushes
        using var follower = otlp is null ? null : new ChannelFollower(otlp);
        var settings = PostgresUrl.IsPostgres(storeValue) ? null : Protocol.Specs.SideFiles.Beside(storeValue, Protocol.Specs.SideFiles.Settings);
        var loop = new SidecarLoop(specStore, new ChannelProcessControl(layout), filter, log, TimeProvider.System, follower, key, settings);
        using var stop = new ManualResetEventSlim();
        using var changed = new AutoResetEvent(false);
        specStore.Changed += (_, _) => changed.Set(); // PostgreSQL's NOTIFY: a round now, not at the next interval
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        log.Information("sidecar: keeping .NET processes in line with {Store} every {Seconds} s", StoreLocation.Describe(storeValue), interval.TotalSeconds);
        if (key is not null)
        {
            log.Information("sidecar: only specs signed with {Key} are sent", key.ToString());
        }
        if (otlp is not null)
        {
            log.Information("sidecar: exporting metric values and log lines to {Collector}", otlp.Collector);
        }

        do
        {
            loop.Tick();
        }
        while (WaitHandle.WaitAny([stop.WaitHandle, changed], interval) != 0);

        log.Information("sidecar: stopped; the processes keep their probes");
        return ExitCodes.Success;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }
    }
}
