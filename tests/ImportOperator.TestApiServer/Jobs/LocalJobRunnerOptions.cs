namespace ImportOperator.TestApiServer.Jobs;

/// <summary>Which Jobs run locally, how their container command maps onto a local executable, and how many at once.</summary>
public sealed class LocalJobRunnerOptions
{
    /// <summary>Jobs whose first container image equals this (or starts with it followed by ':' or '@') run locally.</summary>
    public required string Image { get; init; }

    /// <summary>The program that stands in for the container's entrypoint (e.g. the operator's own executable, or "dotnet").</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments put before the container's own (e.g. the path of a .dll when Executable is dotnet).</summary>
    public IReadOnlyList<string> LeadingArguments { get; init; } = [];

    /// <summary>Whether the first element of the container command (the image's entrypoint path) is dropped.</summary>
    public bool DropEntrypoint { get; init; } = true;

    /// <summary>Extra environment for every child (e.g. the test server's address for in-cluster-like config).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// How many Pod processes run at once, like a small cluster's capacity: further Pods wait in phase Pending
    /// (PodScheduled=False, Unschedulable) and start as others finish. Default 4.
    /// </summary>
    public int MaxConcurrentPods { get; init; } = 4;

    /// <summary>
    /// The delay before a failed Pod's replacement, doubled for each further failure up to 6 minutes, as the Job
    /// controller does (it starts at 10 s). Default zero, so retries in tests are immediate.
    /// </summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.Zero;
}
