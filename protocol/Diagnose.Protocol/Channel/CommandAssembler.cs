namespace Diagnose.Protocol.Channel;

/// <summary>
/// Puts commands together from their parts, which may arrive from several tools at once and in any order. Parts
/// of a command whose sender went away are dropped after <see cref="Expiry"/>; a bound on pending commands and bytes
/// keeps a misbehaving sender from growing the target's memory.
/// </summary>
internal sealed class CommandAssembler
{
    /// <summary>How long the parts of an unfinished command are kept.</summary>
    internal static readonly TimeSpan Expiry = TimeSpan.FromSeconds(60);

    internal const int MaxPendingCommands = 32;

    internal const long MaxPendingChars = 16L * 1024 * 1024;

    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private long _pendingChars;

    /// <summary>
    /// Adds a part. Returns the command's JSON when this part completed it; null while parts are missing, or with
    /// <paramref name="error"/> set when the command cannot be put together (it is then forgotten).
    /// </summary>
    internal byte[]? Add(CommandEnvelope part, DateTimeOffset now, out string? error)
    {
        error = null;
        DropExpired(now);
        if (part.Parts == 1)
        {
            return Decode(part.CommandId, part.Data, out error);
        }

        if (!_pending.TryGetValue(part.CommandId, out var pending))
        {
            if (_pending.Count >= MaxPendingCommands)
            {
                error = $"command {part.CommandId}: too many unfinished commands ({MaxPendingCommands}); try again";
                return null;
            }

            _pending[part.CommandId] = pending = new Pending(part.Parts, now);
        }
        else if (pending.Data.Length != part.Parts)
        {
            Forget(part.CommandId, pending);
            error = $"command {part.CommandId}: its parts disagree on how many there are ({pending.Data.Length} and {part.Parts})";
            return null;
        }

        if (pending.Data[part.Part] is null)
        {
            if (_pendingChars + part.Data.Length > MaxPendingChars)
            {
                Forget(part.CommandId, pending);
                error = $"command {part.CommandId}: unfinished commands hold more than {MaxPendingChars} characters; try again";
                return null;
            }

            pending.Data[part.Part] = part.Data;
            pending.Received++;
            _pendingChars += part.Data.Length;
        }

        if (pending.Received < pending.Data.Length)
        {
            return null;
        }

        Forget(part.CommandId, pending);
        return Decode(part.CommandId, string.Concat(pending.Data), out error);
    }

    /// <summary>How many commands wait for parts.</summary>
    internal int PendingCount => _pending.Count;

    private static byte[]? Decode(string commandId, string text, out string? error)
    {
        if (Base64Url.TryDecode(text, out var bytes))
        {
            error = null;
            return bytes;
        }

        error = $"command {commandId}: its data is not base64url";
        return null;
    }

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var (id, pending) in _pending.Where(p => now - p.Value.Started > Expiry).ToList())
        {
            Forget(id, pending);
        }
    }

    private void Forget(string id, Pending pending)
    {
        _pending.Remove(id);
        _pendingChars -= pending.Data.Sum(d => (long)(d?.Length ?? 0));
    }

    private sealed class Pending(int parts, DateTimeOffset started)
    {
        internal string?[] Data { get; } = new string?[parts];

        internal int Received { get; set; }

        internal DateTimeOffset Started { get; } = started;
    }
}
