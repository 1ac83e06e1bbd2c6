using Diagnose.Protocol.Specs;

namespace Diagnose.Cli;

/// <summary>
/// What a process made of the specs in a file or directory, read from the <c>applied</c> entries it writes back:
/// one line per spec (installed / pending / error + reason).
/// </summary>
internal static class AppliedReport
{
    /// <summary>Waits until the process has written an entry for every valid spec, then prints them.</summary>
    /// <returns>True when every spec was installed without error.</returns>
    public static bool WaitAndPrint(string specsPath, int pid, TimeSpan timeout, TextWriter output)
    {
        var key = ProcessKey.For(Environment.MachineName, pid);
        var deadline = DateTime.UtcNow + timeout;
        List<Spec> specs;
        while (true)
        {
            specs = Read(specsPath);
            var done = specs.All(s => !s.IsValid || (s.Applied.TryGetValue(key, out var entry) && entry.LastModified == AppliedEntry.For(s).LastModified));
            if (done || DateTime.UtcNow > deadline)
            {
                break;
            }

            Thread.Sleep(100);
        }

        var ok = true;
        foreach (var spec in specs)
        {
            string status;
            if (!spec.IsValid)
            {
                status = $"error: {spec.Error}";
            }
            else if (!spec.Applied.TryGetValue(key, out var entry))
            {
                status = $"no answer from process {pid} within {timeout.TotalSeconds:0} s (see its log)";
            }
            else
            {
                status = entry.Error is null ? "installed" : entry.Error.StartsWith("pending:", StringComparison.Ordinal) ? entry.Error : $"error: {entry.Error}";
            }

            ok &= status == "installed" || status.StartsWith("pending:", StringComparison.Ordinal);
            output.WriteLine($"{spec.Id}\t{spec.Target}\t{status}");
        }

        return ok;
    }

    private static List<Spec> Read(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : [path];
        var specs = new List<Spec>();
        foreach (var file in files)
        {
            try
            {
                specs.AddRange(SpecSet.Parse(File.ReadAllBytes(file), Path.GetFileName(file)));
            }
            catch (IOException)
            {
                // Being rewritten by the process right now: read again on the next round.
            }
        }

        return specs;
    }
}
