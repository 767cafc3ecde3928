namespace ImportOperator.Worker;

/// <summary>
/// One run of the worker: what its command line says, and where its output goes (the console in a Job; writers a
/// test can read in-process).
/// </summary>
public sealed class WorkerInvocation
{
    /// <summary>Where Kubernetes reads a container's termination message from.</summary>
    public const string KubernetesTerminationLog = "/dev/termination-log";

    /// <summary>Key of the stored <see cref="WorkerRequest"/>: <c>&lt;namespace&gt;/&lt;name&gt;/&lt;uid&gt;/request.json</c>.</summary>
    public required string RequestKey { get; init; }

    /// <summary>Which step this run does (the processing Job's default, a chunk of a split import, or its merge).</summary>
    public WorkerMode Mode { get; init; } = WorkerMode.Whole;

    /// <summary>
    /// The chunk a <see cref="WorkerMode.Chunk"/> run processes; null: <see cref="CompletionIndexVariable"/>, which
    /// Kubernetes sets in every pod of an Indexed Job.
    /// </summary>
    public int? ChunkIndex { get; init; }

    /// <summary>The variable Kubernetes sets to a pod's index in an Indexed Job.</summary>
    public const string CompletionIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>Folder for the downloaded input and the results before upload; null for the system's temp folder.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Optional JSON config file, read under the environment (see <c>AppConfiguration</c>).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Stage lines and progress.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Details of a failure, then its one-sentence reason as the last line.</summary>
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>The reason for a failure is also written here when the file exists and is writable.</summary>
    public string TerminationLogPath { get; init; } = KubernetesTerminationLog;

    /// <summary>Least time between two progress lines.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often progress.json is rewritten while the engine runs (the operator copies it into status.progress).</summary>
    public TimeSpan ProgressPublishInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The W3C trace context to continue (the operator sets TRACEPARENT on the Job's container); null: a trace of its own.</summary>
    public string? TraceParent { get; init; } = Environment.GetEnvironmentVariable("TRACEPARENT");

    /// <summary>Stage lines as json or text; auto (null) is json in a cluster (KUBERNETES_SERVICE_HOST is set).</summary>
    public string? LogFormat { get; init; }
}
