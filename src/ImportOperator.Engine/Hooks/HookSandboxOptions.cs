namespace ImportOperator.Engine.Hooks;

/// <summary>Limits of the JavaScript sandbox that runs hooks; every one has a safe default.</summary>
public sealed class HookSandboxOptions
{
    /// <summary>Longest one hook call may run.</summary>
    public TimeSpan TimeoutPerCall { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Extra time a call gets per row it is given, for the hooks that see many rows in one call (column hooks, bulk
    /// row hooks, beforeFinishCallback): a column hook over a million rows may take TimeoutPerCall + 100 s.
    /// </summary>
    public TimeSpan TimeAllowancePerRow { get; init; } = TimeSpan.FromTicks(1000); // 100 µs

    /// <summary>Longest all hook calls of one import may run together (CPU time summed over engines).</summary>
    public TimeSpan TimeoutPerImport { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Most memory one engine may hold, in bytes.</summary>
    public long MemoryLimitBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Deepest JavaScript call stack.</summary>
    public int RecursionLimit { get; init; } = 256;

    /// <summary>Most bytes of console output kept in the import's log; the rest is counted, not kept.</summary>
    public int ConsoleLogLimitBytes { get; init; } = 64 * 1024;

    /// <summary>How many engines run row hooks in parallel (default: one per core).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
