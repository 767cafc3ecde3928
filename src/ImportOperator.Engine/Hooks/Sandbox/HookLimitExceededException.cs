namespace ImportOperator.Engine.Hooks.Sandbox;

/// <summary>Which sandbox limit a hook call ran into.</summary>
internal enum HookLimit { CallTime, ImportTime, Memory }

/// <summary>
/// Thrown from inside the interpreter when a hook call runs past a limit. It is a plain .NET exception, not a
/// JavaScript one, so a hook's own try/catch cannot swallow it and keep running.
/// </summary>
internal sealed class HookLimitExceededException(HookLimit limit, TimeSpan? callTime = null) : Exception($"hook limit exceeded: {limit}")
{
    public HookLimit Limit { get; } = limit;

    /// <summary>The time limit of the call that was stopped (it grows with the rows a call is given).</summary>
    public TimeSpan? CallTime { get; } = callTime;
}
