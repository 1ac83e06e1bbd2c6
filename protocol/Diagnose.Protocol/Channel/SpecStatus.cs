using Diagnose.Protocol.Specs;

namespace Diagnose.Protocol.Channel;

/// <summary>
/// What a spec amounts to in one process, in the words every tool prints: installed, pending, error, disabled (its
/// overhead budget switched it off), expired (its lifespan or max hits is over), removed, or waiting (the process
/// has not applied this version yet).
/// </summary>
internal static class SpecStatus
{
    internal const string Installed = "installed";
    internal const string Pending = "pending";
    internal const string Error = "error";
    internal const string Disabled = "disabled";
    internal const string Expired = "expired";
    internal const string Removed = "removed";
    internal const string Waiting = "waiting";

    /// <summary>The status and its reason (null when there is nothing to add) of <paramref name="spec"/> in the process <paramref name="processKey"/>.</summary>
    internal static (string Status, string? Reason) Of(Spec spec, string processKey, DateTimeOffset now)
    {
        if (!spec.IsValid)
        {
            return (Error, spec.Error);
        }

        if (spec.IsExpired(now))
        {
            return (Expired, $"its lifespan ended at {SpecTimestamp.Format(spec.Expires!.Value)}");
        }

        if (!spec.Applied.TryGetValue(processKey, out var entry))
        {
            return (Waiting, "not applied yet");
        }

        if (entry.LastModified != spec.LastModifiedText)
        {
            return (Waiting, $"the process has applied the version of {entry.LastModified ?? "(none)"}, not yet this one");
        }

        return Of(entry);
    }

    /// <summary>The status an <c>applied</c> entry records.</summary>
    internal static (string Status, string? Reason) Of(AppliedEntry entry)
    {
        if (entry.Error is null)
        {
            return (Installed, null);
        }

        foreach (var status in (ReadOnlySpan<string>)[Pending, Disabled, Expired])
        {
            if (entry.Error.Length > status.Length && entry.Error.StartsWith(status, StringComparison.Ordinal) && entry.Error[status.Length] == ':')
            {
                return (status, entry.Error[(status.Length + 1)..].Trim());
            }
        }

        return (Error, entry.Error);
    }

    /// <summary>True for statuses that are not a failure (exit code 0); a probe the guardrails switched off is one.</summary>
    internal static bool IsSuccess(string status) => status is Installed or Pending or Removed or Expired;

    /// <summary>"installed", "pending: why", "error: why" — the text printed after a spec's id and target.</summary>
    internal static string Describe(string status, string? reason) =>
        string.IsNullOrEmpty(reason) || status == Installed || status == Removed ? status : $"{status}: {reason}";
}
