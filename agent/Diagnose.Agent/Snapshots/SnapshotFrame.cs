using System.Diagnostics;
using System.Reflection;
using Diagnose.Sites;

namespace Diagnose.Snapshots;

/// <summary>
/// What the name <c>snapshot</c> stands for at a site: the method, its captured values by name (this, the arguments,
/// the locals, result and exception, as the event has them), the names a site could not pass, and the stack, taken
/// when the instrument fires.
/// </summary>
internal sealed class SnapshotFrame
{
    private const int MaxFrames = 32;

    /// <param name="method">The probed method.</param>
    /// <param name="event">Its event (call, return, end).</param>
    /// <param name="names">For each value: its section (this, args, locals, result, exception) and name.</param>
    /// <param name="values">The values, in the order of <paramref name="names"/>.</param>
    /// <param name="notCaptured">Values the site could not pass, with the reason.</param>
    /// <param name="line">At a line probe: its line, which the probed method's frame shows (the hook's own code maps to the statement before it); else 0.</param>
    public SnapshotFrame(MethodBase method, string @event, string[] names, object?[] values, string[] notCaptured, int line)
    {
        Method = method;
        Event = @event;
        Names = names;
        Values = values;
        NotCaptured = notCaptured;
        Stack = Frames(method, line);
    }

    private SnapshotFrame(SnapshotFrame frame, string @event)
    {
        Method = frame.Method;
        Event = @event;
        Names = frame.Names;
        Values = frame.Values;
        NotCaptured = frame.NotCaptured;
        Stack = frame.Stack;
    }

    public MethodBase Method { get; }

    public string Event { get; }

    /// <summary><c>section/name</c> per value.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<object?> Values { get; }

    public IReadOnlyList<string> NotCaptured { get; }

    /// <summary>The probed method and its callers: <c>Ns.Type.Method (File.cs:12)</c>, at most 32.</summary>
    public IReadOnlyList<string> Stack { get; }

    /// <summary>The same frame under another event's name (an end snapshot that an exceptions probe reports).</summary>
    public SnapshotFrame As(string @event) => new(this, @event);

    private static List<string> Frames(MethodBase method, int line)
    {
        var frames = new List<string>();
        foreach (var frame in CallerInfo.Stack(method).GetFrames())
        {
            if (frame.GetMethod() is not { } at)
            {
                continue;
            }

            var file = frame.GetFileName();
            var number = frames.Count == 0 && line > 0 ? line : frame.GetFileLineNumber();
            frames.Add(file is null ? CallerInfo.Describe(at) : $"{CallerInfo.Describe(at)} ({Path.GetFileName(file)}:{number})");
            if (frames.Count == MaxFrames)
            {
                break;
            }
        }

        return frames;
    }
}
