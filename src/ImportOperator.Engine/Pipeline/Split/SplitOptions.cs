namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>When a file is split into chunks processed in parallel, and how large the chunks are.</summary>
public sealed record SplitOptions
{
    /// <summary>Files smaller than this are processed whole (one pod). 0 or less: never split.</summary>
    public long ThresholdBytes { get; init; }

    /// <summary>The size a chunk aims at; real chunks end at a record boundary near it.</summary>
    public long TargetChunkBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>At most this many chunks; larger chunks are made when the file would need more.</summary>
    public int MaxChunks { get; init; } = 64;
}
