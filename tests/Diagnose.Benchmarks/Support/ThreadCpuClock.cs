using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Diagnose.Benchmarks.Support;

/// <summary>
/// The measuring thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, in nanoseconds) as a BenchmarkDotNet
/// clock. On a shared machine the wall clock also counts the time the thread waits for a core; this one counts only
/// the time it runs. Valid for work done on the measuring thread only (see <see cref="ThreadCpuTimeAttribute"/>).
/// </summary>
public sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static ThreadCpuClock Instance { get; } = new();

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.FromGHz(1);

    public long GetTimestamp()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            throw new InvalidOperationException($"clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
