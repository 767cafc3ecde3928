namespace ImportOperator.Worker;

/// <summary>
/// The worker's exit codes, which the processing Job's podFailurePolicy acts on. Bad data is an outcome, not a
/// failure: it is committed as a FAILED or NEEDS_REVIEW summary and exits 0, so the Job never retries it.
/// </summary>
public static class WorkerExitCodes
{
    /// <summary>Results and summary committed, whatever the import's phase.</summary>
    public const int Committed = 0;

    /// <summary>An error retrying cannot fix (no request or input stored, invalid settings): the Job fails at once (podFailurePolicy FailJob).</summary>
    public const int Permanent = 3;

    /// <summary>Anything else (storage unreachable, a crash) is non-zero and retried up to backoffLimit; this one is used when the worker knows it was transient.</summary>
    public const int Transient = 75;

    /// <summary>A failure the worker did not foresee (a bug, a full scratch disk): retried up to backoffLimit like any crash.</summary>
    public const int Unexpected = 1;
}
