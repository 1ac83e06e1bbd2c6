using Diagnose.Protocol.Channel;

namespace Diagnose.Cli.Rendering;

/// <summary>Prints what a process made of specs, one line per spec: <c>id	target	installed | pending: … | error: …</c>.</summary>
internal static class ResultPrinter
{
    /// <returns><see cref="ExitCodes.Success"/>, or <see cref="ExitCodes.SpecError"/> when a spec failed.</returns>
    public static int Print(IEnumerable<SpecReport> reports, TextWriter output)
    {
        var failed = false;
        foreach (var report in reports)
        {
            output.WriteLine(report.Line);
            failed |= !SpecStatus.IsSuccess(report.Status);
        }

        return failed ? ExitCodes.SpecError : ExitCodes.Success;
    }
}
