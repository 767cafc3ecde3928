using System.Diagnostics;
using Jint;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// The time and memory budget of one engine's current hook call, checked by Jint between statements. Jint resets
/// constraints on every entry into the engine (a call, each turn of the promise job queue); this constraint ignores
/// those resets and is armed by the host instead, so that one budget covers the call, the awaiting of its promise
/// and the reading of its result (getters and proxies run hook code too).
/// </summary>
internal sealed class HookBudget(ImportTimeBudget importBudget) : Constraint
{
    private bool _armed;
    private long _startTimestamp;
    private long _callDeadline;
    private long _importDeadline;
    private long _allocatedAtStart;
    private long _memoryAllowance;
    private TimeSpan _callTime;

    /// <summary>Starts a call that may run <paramref name="callTime"/> and allocate <paramref name="memoryAllowance"/> bytes.</summary>
    public void Arm(TimeSpan callTime, long memoryAllowance, bool chargeImport = true)
    {
        var remainingImport = chargeImport ? importBudget.Remaining : callTime;
        if (remainingImport <= TimeSpan.Zero) throw new HookLimitExceededException(HookLimit.ImportTime);
        _startTimestamp = Stopwatch.GetTimestamp();
        _callDeadline = _startTimestamp + ToTicks(callTime);
        _callTime = callTime;
        _importDeadline = _startTimestamp + ToTicks(remainingImport);
        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
        _memoryAllowance = memoryAllowance;
        _armed = true;
    }

    /// <summary>Ends the call and charges its duration to the import's budget.</summary>
    public void Disarm(bool chargeImport = true)
    {
        if (!_armed) return;
        _armed = false;
        if (chargeImport) importBudget.Charge(Stopwatch.GetElapsedTime(_startTimestamp));
    }

    public override void Check()
    {
        if (!_armed) return;
        var now = Stopwatch.GetTimestamp();
        if (now > _callDeadline) throw new HookLimitExceededException(HookLimit.CallTime, _callTime);
        if (now > _importDeadline) throw new HookLimitExceededException(HookLimit.ImportTime);
        if (GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart > _memoryAllowance)
            throw new HookLimitExceededException(HookLimit.Memory);
    }

    public override void Reset()
    {
        // Deliberately empty: see the class comment.
    }

    private static long ToTicks(TimeSpan span) =>
        span >= TimeSpan.FromDays(365) ? long.MaxValue / 2 : (long)(span.TotalSeconds * Stopwatch.Frequency);
}

/// <summary>The time all hook calls of one import may take together, shared by its engines.</summary>
internal sealed class ImportTimeBudget(TimeSpan total)
{
    private long _usedTicks;

    public TimeSpan Total { get; } = total;

    public TimeSpan Remaining => Total - TimeSpan.FromTicks(Interlocked.Read(ref _usedTicks));

    public void Charge(TimeSpan elapsed) => Interlocked.Add(ref _usedTicks, elapsed.Ticks);
}
