using System.Diagnostics;
using Jint;

namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>
/// The time and memory budget of one engine's current hook call, checked by Jint between statements. Jint resets
/// constraints on every entry into the engine (a call, each turn of the promise job queue); this constraint ignores
/// those resets and is armed by the host instead, so that one budget covers the call, the awaiting of its promise
/// and the reading of its result (getters and proxies run hook code too).
/// </summary>
/// <remarks>
/// Check runs before every statement, so it must be cheap: it reads the coarse millisecond clock
/// (Environment.TickCount64, about 10 ns, a resolution of a few milliseconds) and the thread's allocation counter
/// (about 5 ns) instead of Stopwatch.GetTimestamp (about 60 ns on this kind of machine). Both limits are still
/// checked before every statement, so an endless loop stops within a few milliseconds of its deadline and an
/// allocating loop within one statement of its memory limit, as before. The precise clock is read only when a call
/// is armed and disarmed, to charge the import's budget.
/// </remarks>
internal sealed class HookBudget(ImportTimeBudget importBudget) : Constraint
{
    private bool _armed;
    private long _startTimestamp;
    private long _deadlineMilliseconds;
    private bool _deadlineIsImport;
    private long _allocationLimit;
    private TimeSpan _callTime;

    /// <summary>Starts a call that may run <paramref name="callTime"/> and allocate <paramref name="memoryAllowance"/> bytes.</summary>
    public void Arm(TimeSpan callTime, long memoryAllowance, bool chargeImport = true)
    {
        var remainingImport = chargeImport ? importBudget.Remaining : callTime;
        if (remainingImport <= TimeSpan.Zero) throw new HookLimitExceededException(HookLimit.ImportTime);
        _startTimestamp = Stopwatch.GetTimestamp();
        var now = Environment.TickCount64;
        // One deadline to compare against per statement: whichever of the call's and the import's comes first.
        _deadlineIsImport = remainingImport < callTime;
        _deadlineMilliseconds = now + ToMilliseconds(_deadlineIsImport ? remainingImport : callTime);
        _callTime = callTime;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        _allocationLimit = memoryAllowance > long.MaxValue - allocated ? long.MaxValue : allocated + memoryAllowance;
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
        if (Environment.TickCount64 > _deadlineMilliseconds)
            throw _deadlineIsImport
                ? new HookLimitExceededException(HookLimit.ImportTime)
                : new HookLimitExceededException(HookLimit.CallTime, _callTime);
        if (GC.GetAllocatedBytesForCurrentThread() > _allocationLimit)
            throw new HookLimitExceededException(HookLimit.Memory);
    }

    public override void Reset()
    {
        // Deliberately empty: see the class comment.
    }

    // Rounded up; the coarse clock may still end a call a few milliseconds (its resolution) early or late, which is
    // nothing against limits of seconds. A year or more means "no limit".
    private static long ToMilliseconds(TimeSpan span) =>
        span >= TimeSpan.FromDays(365) ? long.MaxValue / 2 : (long)Math.Ceiling(span.TotalMilliseconds);
}

/// <summary>The time all hook calls of one import may take together, shared by its engines.</summary>
internal sealed class ImportTimeBudget(TimeSpan total)
{
    private long _usedTicks;

    public TimeSpan Total { get; } = total;

    public TimeSpan Remaining => Total - TimeSpan.FromTicks(Interlocked.Read(ref _usedTicks));

    public void Charge(TimeSpan elapsed) => Interlocked.Add(ref _usedTicks, elapsed.Ticks);
}
