namespace ImportOperator.Worker;

/// <summary>
/// Ends a worker run before a summary was committed: the exit code the Job's podFailurePolicy acts on, and the one
/// sentence that explains it (printed last on standard error and written to the termination log).
/// </summary>
internal sealed class WorkerFailure(int exitCode, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Retrying cannot help (missing request or input, invalid settings): the Job should fail at once.</summary>
    public static WorkerFailure Permanent(string reason, Exception? inner = null) => new(WorkerExitCodes.Permanent, reason, inner);

    /// <summary>Storage was unreachable, slow or throttling: another attempt can succeed.</summary>
    public static WorkerFailure Transient(string reason, Exception? inner = null) => new(WorkerExitCodes.Transient, reason, inner);
}
