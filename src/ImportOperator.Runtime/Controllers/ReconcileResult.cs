namespace ImportOperator.Runtime.Controllers;

/// <summary>What a reconcile asks for next: nothing, another pass after a delay, or a retry with backoff.</summary>
public readonly record struct ReconcileResult(TimeSpan? RequeueAfter, bool Requeue)
{
    public static ReconcileResult Done => default;
    public static ReconcileResult After(TimeSpan delay) => new(delay, false);
    /// <summary>Try again with the key's growing backoff, without counting as an error.</summary>
    public static ReconcileResult Retry => new(null, true);
}

/// <summary>The object a reconcile is about; <see cref="Object"/> is null when it no longer exists.</summary>
public sealed record ReconcileRequest<T>(ObjectKey Key, T? Object) where T : class;

/// <summary>A reconciler: one idempotent method, safe to call any number of times for the same key.</summary>
public interface IReconciler<T> where T : class
{
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest<T> request, CancellationToken ct);
}

/// <summary>An error that retrying cannot fix (e.g. an invalid spec): logged and counted, never retried.</summary>
public sealed class TerminalReconcileException(string message, Exception? inner = null) : Exception(message, inner);
