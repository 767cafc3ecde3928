using ImportOperator.Runtime.Queue;

namespace ImportOperator.Runtime.Controllers;

public sealed class ControllerOptions
{
    /// <summary>How many different keys may be reconciled at once (one key is never reconciled twice at once).</summary>
    public int MaxConcurrentReconciles { get; init; } = 4;

    /// <summary>Backoff for failed keys; defaults to 5 ms doubling to 1000 s per key, and 10/s (burst 100) overall.</summary>
    public Func<RateLimiter<ObjectKey>>? RateLimiter { get; init; }
}
