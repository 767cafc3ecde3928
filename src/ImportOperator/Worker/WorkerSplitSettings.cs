namespace ImportOperator.Worker;

/// <summary>
/// When the processing Job splits a large input into chunks (the operator's Processing:* settings, frozen into the
/// request). Absent from a request: never split.
/// </summary>
public sealed record WorkerSplitSettings
{
    /// <summary>Inputs of at least this many bytes are split; 0 or less: never.</summary>
    public long ThresholdBytes { get; init; }

    /// <summary>The size a chunk aims at.</summary>
    public long ChunkBytes { get; init; }

    /// <summary>At most this many chunks.</summary>
    public int MaxChunks { get; init; }
}
