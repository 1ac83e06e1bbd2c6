namespace Diagnose.Protocol.Specs;

/// <summary>
/// The key of a process in a spec's <c>applied</c> object: <c>"&lt;host&gt;:&lt;pid&gt;"</c>.
/// </summary>
/// <remarks>
/// diagnose leaves the key to its user (<c>InstrumentManager(process_id)</c>); we fix one form so that every tool
/// reading a store agrees. The host is <see cref="Environment.MachineName"/> (on Linux the host name up to its
/// first dot; in Kubernetes the pod name), which keeps keys free of dots and needs no networking assembly.
/// </remarks>
internal static class ProcessKey
{
    private static readonly Lazy<string> CurrentKey = new(() => For(Environment.MachineName, Environment.ProcessId));

    /// <summary>The key of this process.</summary>
    internal static string Current => CurrentKey.Value;

    internal static string For(string host, int processId)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processId);
        return $"{host}:{processId}";
    }

    /// <summary>Splits a key at its last colon; false when it does not end in <c>:&lt;pid&gt;</c>.</summary>
    internal static bool TryParse(string key, out string host, out int processId)
    {
        host = string.Empty;
        processId = 0;
        var colon = key.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(key.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out var pid) || pid <= 0)
        {
            return false;
        }

        host = key[..colon];
        processId = pid;
        return true;
    }
}
