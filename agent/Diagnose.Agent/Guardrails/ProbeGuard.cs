using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Diagnose.Protocol.Specs;

namespace Diagnose.Guardrails;

/// <summary>
/// One instrument's guardrails on the hot path: its counters, its rate limit and max hits, and the sampled timing
/// of its fires. A site calls <see cref="Enter"/> before it evaluates anything (a dropped call costs only that),
/// <see cref="Begin"/> once its condition holds, and <see cref="End"/> after the fire. At sites whose expressions
/// call code, every 8th fire is timed, at most <see cref="SamplesPerSecond"/> a second (a short fire by the wall clock,
/// a long one by the thread's CPU time, so that a fire preempted by other threads is not charged for the wait, and
/// neither for the JIT's or the GC's time: see <see cref="Measure"/>); a timed fire over the call budget switches the
/// instrument off at once, and the <see cref="GuardMonitor"/> watches the CPU share and fires still running.
/// Counts are plain increments (exact for one thread; under contention a few may be lost), except max hits, which
/// is exact.
/// </summary>
internal sealed class ProbeGuard
{
    internal const int SampleEvery = 8;

    /// <summary>Snapshots a second per probe by default.</summary>
    internal const double SnapshotRate = 1;

    /// <summary>Snapshots a second over all the probes of the process that keep the default rate.</summary>
    internal const double ProcessSnapshotRate = 20;
    internal const int SamplesPerSecond = 20;

    /// <summary>A timed fire shorter than this (wall time) is charged its wall time, a longer one its thread's CPU time.</summary>
    internal const int ShortFireMicroseconds = 50;

    private static readonly TokenBucket? s_processLogs = GuardDefaults.Current.ProcessLogRate > 0 ? new TokenBucket(GuardDefaults.Current.ProcessLogRate) : null;
    private static readonly TokenBucket s_processSnapshots = new(ProcessSnapshotRate);

    private readonly Instrument _instrument;
    private readonly TokenBucket? _bucket;
    private readonly TokenBucket? _process;
    private readonly long _maxHits;
    private readonly long _callBudgetTicks;
    private string? _lastLine;
    private long _calls;
    private long _fired;
    private long _droppedRate;
    private long _droppedFull;
    private long _errors;
    private long _hits;
    private long _timedTicks;
    private long _timedFires;
    private long _longestTicks;
    private long _runningSince;
    private int _samplesLeft = SamplesPerSecond;
    private bool _timed;
    private bool _warm;

    [ThreadStatic]
    private static long t_jitAtStart;

    [ThreadStatic]
    private static long t_pausesAtStart;

    [ThreadStatic]
    private static long t_cpuAtStart;

    private static readonly long ShortFireTicks = Stopwatch.Frequency * ShortFireMicroseconds / 1_000_000;
    private static long s_overhead;

    /// <exception cref="InstrumentException">The instrument's <c>custom</c> has a bad rate, maxHits or budget.</exception>
    /// <param name="instrument">Whose guard it is.</param>
    /// <param name="defaults">The process's defaults.</param>
    /// <param name="processLogs">The bucket all log instruments with the default rate share (null: no process limit).</param>
    public ProbeGuard(Instrument instrument, GuardDefaults defaults, TokenBucket? processLogs)
    {
        _instrument = instrument;
        var problems = new List<string>();
        var limits = GuardLimits.Read(System.Text.Json.JsonSerializer.SerializeToElement(instrument.Custom), problems);
        if (problems.Count > 0)
        {
            throw new InstrumentException(string.Join("; ", problems));
        }

        // Instruments that write a line (or an event) per fire are limited by default; numbers aggregate and are not.
        // Snapshots (large, with a stack walk) are 1 a second by default, and 20 a second over the process (their own
        // process limit, not the lines').
        var rateLimitedByDefault = instrument is not NumericInstrument and not TestInstrument;
        var rate = limits.Rate ?? (instrument is SnapshotInstrument ? SnapshotRate : rateLimitedByDefault ? defaults.LogRate : 0);
        Rate = rate;
        _bucket = rate > 0 ? new TokenBucket(rate) : null;
        _process = limits.Rate is null ? (instrument is SnapshotInstrument ? s_processSnapshots : rateLimitedByDefault ? processLogs : null) : null;
        _maxHits = limits.MaxHits ?? 0;
        BudgetMs = limits.BudgetMs ?? defaults.CallBudgetMs;
        CpuPercent = limits.CpuPercent ?? defaults.CpuPercent;
        _callBudgetTicks = (long)(BudgetMs * Stopwatch.Frequency / 1000);
        Elapsed = Sites.ContextNames.Returns(instrument.Event) && instrument.Flag("elapsed", otherwise: false) ? new ElapsedHistogram() : null;
    }

    /// <summary>
    /// A return or end instrument's elapsed times (for <c>diagnose top</c>), recorded by its sites on each fire, when
    /// <c>custom.elapsed</c> is true (<c>probe add --elapsed</c>): two clock reads a call, so only on request. Null
    /// otherwise, and for call and line instruments.
    /// </summary>
    public ElapsedHistogram? Elapsed { get; }

    /// <summary>A log instrument's last line (its value's text), null before one.</summary>
    public string? LastLine
    {
        get => Volatile.Read(ref _lastLine);
        set => Volatile.Write(ref _lastLine, value);
    }

    /// <summary>Fires per second allowed (0: no limit).</summary>
    public double Rate { get; }

    public long MaxHits => _maxHits;

    public double BudgetMs { get; }

    public double CpuPercent { get; }

    public Instrument Instrument => _instrument;

    /// <summary>The bucket shared by the log instruments that keep the default rate, or null when there is no process limit.</summary>
    internal static TokenBucket? ProcessLogs => s_processLogs;

    /// <summary>The bucket all snapshot instruments with the default rate share.</summary>
    internal static TokenBucket ProcessSnapshots => s_processSnapshots;

    internal TokenBucket? Bucket => _bucket;

    /// <summary>A site of this instrument calls code (not plain IL): its fires are sampled for the budget.</summary>
    public void MarkTimed() => _timed = true;

    /// <summary>Counts the call; false (counted as dropped) when a rate limit has no token left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Enter()
    {
        _calls++;
        if (_bucket is null || (!_bucket.IsEmpty && _process?.IsEmpty != true))
        {
            return true;
        }

        _droppedRate++;
        return false;
    }

    /// <summary>No rate limit and no max hits: a site whose code is plain IL (never timed) only counts, see <see cref="CountCall"/>.</summary>
    public bool IsCountingOnly => _bucket is null && _maxHits <= 0;

    /// <summary>Counts a call at a site that needs no <see cref="Enter"/> (<see cref="IsCountingOnly"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountCall() => _calls++;

    /// <summary>Counts a fire at a site that needs no <see cref="Begin"/> (<see cref="IsCountingOnly"/>, not timed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountFire() => _fired++;

    /// <summary>
    /// Takes the fire's tokens (and hit); -1 when it must not fire, else (when this fire is timed) a positive mark of
    /// its start to pass to <see cref="End"/>, or 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Begin()
    {
        if (_bucket is not null && !TakeTokens())
        {
            _droppedRate++;
            return -1;
        }

        if (_maxHits > 0 && !TakeHit())
        {
            _droppedRate++;
            return -1;
        }

        var fired = ++_fired;
        if (!_timed || (fired % SampleEvery != 1 && fired != 2) || Volatile.Read(ref _samplesLeft) <= 0)
        {
            return 0;
        }

        return StartTiming();
    }

    /// <summary>After a fire: accounts a timed one, and switches the instrument off when it took longer than its budget.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void End(long started)
    {
        if (started > 0)
        {
            Timed(started);
        }
    }

    /// <summary>
    /// A fire that wrote nothing (a log value was null): its tokens go back and it is not counted as fired, so an
    /// expression like <c>x == 0 ? y : null</c> is limited by the lines it writes, not by the calls.
    /// </summary>
    public void Refund()
    {
        if (_bucket is not null)
        {
            _bucket.Return();
            _process?.Return();
        }

        _fired--;
    }

    /// <summary>Lines of this instrument that a full output queue dropped.</summary>
    public void CountDroppedOutput() => Interlocked.Increment(ref _droppedFull);

    public void CountError() => Interlocked.Increment(ref _errors);

    public ProbeStats Stats() => new(Volatile.Read(ref _calls), Volatile.Read(ref _fired), Volatile.Read(ref _droppedRate), Volatile.Read(ref _droppedFull), Volatile.Read(ref _errors));

    /// <summary>The monitor's view of the timing: time of timed fires, their number, all fires, and a fire still running (timestamp or 0).</summary>
    internal (long TimedTicks, long TimedFires, long Fires, long RunningSince) Timing() =>
        (Volatile.Read(ref _timedTicks), Volatile.Read(ref _timedFires), Volatile.Read(ref _fired), Volatile.Read(ref _runningSince));

    internal long CallBudgetTicks => _callBudgetTicks;

    /// <summary>Switches the instrument off for the overhead budget; its method is restored.</summary>
    internal void Trip(string reason)
    {
        AgentLog.Warning($"instrument '{_instrument.Name}' switched off: {reason}");
        _instrument.Disable($"disabled: {reason}");
    }

    internal static string Milliseconds(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString(ticks * 1000.0 / Stopwatch.Frequency >= 10 ? "0" : "0.0##", CultureInfo.InvariantCulture);

    private bool TakeTokens()
    {
        if (!_bucket!.TryTake())
        {
            return false;
        }

        if (_process is null || _process.TryTake())
        {
            return true;
        }

        _bucket.Return();
        return false;
    }

    private bool TakeHit()
    {
        var hit = Interlocked.Increment(ref _hits);
        if (hit > _maxHits)
        {
            return false;
        }

        if (hit == _maxHits)
        {
            // This is the last fire: the instrument goes once it is done, and its method is restored.
            _instrument.Disable($"expired: fired {_maxHits} times (max hits {_maxHits})");
        }

        return true;
    }

    /// <summary>
    /// Starts timing a fire (see <see cref="MarkStart"/>), for the monitor's watchdog too. One empty span first: a
    /// sampled fire is rare, so the timing code is cold, and its first run pays tens of nanoseconds more than the
    /// <see cref="Overhead"/> taken off, as much as a cheap instrument's whole fire.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long StartTiming()
    {
        Interlocked.Decrement(ref _samplesLeft);
        Measure(MarkStart());
        var wall = MarkStart();
        Volatile.Write(ref _runningSince, wall);
        return wall;
    }

    /// <summary>The monitor gives back the samples of a second.</summary>
    internal void RenewSamples() => Volatile.Write(ref _samplesLeft, SamplesPerSecond);

    /// <summary>
    /// What timing costs by itself: the median of a few empty timed spans, warm, taken off every timed fire. The
    /// monitor measures it again each second.
    /// </summary>
    internal static long Overhead => Volatile.Read(ref s_overhead);

    internal static void MeasureOverhead()
    {
        Span<long> spans = stackalloc long[5];
        for (var i = 0; i < spans.Length; i++)
        {
            spans[i] = Measure(MarkStart());
        }

        spans.Sort();
        Volatile.Write(ref s_overhead, spans[spans.Length / 2]);
    }

    /// <summary>
    /// Reads this thread's JIT time, the process's GC pauses and the thread's CPU time so far, then the wall clock
    /// last, so that only what is timed lies between the two wall-clock reads. Returns the wall clock's reading.
    /// </summary>
    private static long MarkStart()
    {
        t_jitAtStart = System.Runtime.JitInfo.GetCompilationTime(currentThread: true).Ticks;
        t_pausesAtStart = GC.GetTotalPauseDuration().Ticks;
        t_cpuAtStart = ThreadCpu.Nanoseconds();
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Stopwatch ticks since <see cref="MarkStart"/>. A short span (under <see cref="ShortFireMicroseconds"/> of wall
    /// time: too short to have waited for a core) is its wall time, read with the cheap clock; a longer one its
    /// thread's CPU time, so that a fire preempted by other threads is not charged for the wait (the thread's CPU
    /// clock costs about 2 µs a read on some machines and varies by hundreds of nanoseconds, far more than a cheap
    /// fire takes). Either way, the time the JIT compiled code on this thread and the GC paused the process is taken
    /// off (a first fire compiles the instrument's code).
    /// </summary>
    private static long Measure(long started)
    {
        var wall = Stopwatch.GetTimestamp() - started;
        long measured;
        if (wall < ShortFireTicks || !ThreadCpu.IsAvailable || t_cpuAtStart < 0)
        {
            measured = wall;
        }
        else
        {
            var cpu = ThreadCpu.Nanoseconds() - t_cpuAtStart - ThreadCpu.ReadCost;
            measured = (long)(Math.Max(0, cpu) * (Stopwatch.Frequency / 1e9));
        }

        var notOurs = System.Runtime.JitInfo.GetCompilationTime(currentThread: true).Ticks - t_jitAtStart
            + GC.GetTotalPauseDuration().Ticks - t_pausesAtStart;
        return Math.Max(0, measured - (long)(notOurs * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond)));
    }

    /// <summary>
    /// Accounts a timed fire, less what timing costs (<see cref="Overhead"/>). The first fire is timed only for the
    /// watchdog: it pays for first-use work no later fire repeats (type loads, static constructors, the output's
    /// writer thread), so it is neither charged nor held to the call budget; the second fire is timed, then every 8th.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Timed(long started)
    {
        var took = Math.Max(0, Measure(started) - Overhead);
        Volatile.Write(ref _runningSince, 0);
        if (!_warm)
        {
            _warm = true; // the first fire: watched, but neither charged nor held to the call budget
            return;
        }

        _timedTicks += took;
        _timedFires++;
        if (took > _longestTicks)
        {
            _longestTicks = took;
        }

        if (took > _callBudgetTicks)
        {
            Trip($"its instruments took {Milliseconds(took)} ms of CPU time on one call; budget {BudgetMs.ToString(CultureInfo.InvariantCulture)} ms");
        }
    }
}
