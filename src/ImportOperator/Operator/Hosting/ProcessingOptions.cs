using System.Globalization;
using ImportOperator.Worker;

namespace ImportOperator.Operator.Hosting;

/// <summary>
/// When a large file is processed as an Indexed Job (one pod per chunk) plus a merge, instead of by one pod
/// (configuration section <see cref="SectionName"/>). The operator copies these into every import's
/// <see cref="WorkerRequest.Split"/>, so the processing Job decides with the file it actually downloaded.
/// </summary>
public sealed class ProcessingOptions
{
    public const string SectionName = "Processing";
    const long MiB = 1024 * 1024;

    /// <summary>Inputs of at least this many bytes are split; 0: never split (one pod per import, as before).</summary>
    public long SplitThresholdBytes { get; set; } = 512 * MiB;

    /// <summary>The size a chunk aims at; chunks end at a record boundary near it.</summary>
    public long SplitChunkBytes { get; set; } = 256 * MiB;

    /// <summary>At most this many chunks (pods) per import; chunks grow beyond SplitChunkBytes when a file would need more.</summary>
    public int MaxChunks { get; set; } = 32;

    /// <summary>At most this many chunk pods of one import run at once (the Indexed Job's parallelism).</summary>
    public int MaxParallelChunks { get; set; } = 8;

    /// <summary>Kubernetes refuses an Indexed Job with more completions than this when parallelism is above it too; 1,000 pods per import is far past any useful split.</summary>
    public const int ChunkCountLimit = 1000;

    /// <summary>What the worker needs to decide: the same numbers, frozen into the request.</summary>
    public WorkerSplitSettings ToWorkerSettings() => new()
    {
        ThresholdBytes = SplitThresholdBytes,
        ChunkBytes = SplitChunkBytes,
        MaxChunks = MaxChunks,
    };

    /// <summary>Every problem with these settings, each naming its setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var p = SectionName + ":";
        if (SplitThresholdBytes < 0) problems.Add($"{p}{nameof(SplitThresholdBytes)} must be 0 (never split) or a size in bytes (it is {Text(SplitThresholdBytes)}).");
        if (SplitChunkBytes < 1 * MiB) problems.Add($"{p}{nameof(SplitChunkBytes)} must be at least 1048576 (1 MiB): smaller chunks cost more pods than they save (it is {Text(SplitChunkBytes)}).");
        else if (SplitThresholdBytes > 0 && SplitChunkBytes >= SplitThresholdBytes)
            problems.Add($"{p}{nameof(SplitChunkBytes)} ({Text(SplitChunkBytes)}) must be smaller than {p}{nameof(SplitThresholdBytes)} ({Text(SplitThresholdBytes)}), or a file at the threshold would be one chunk.");
        if (MaxChunks is < 2 or > ChunkCountLimit) problems.Add($"{p}{nameof(MaxChunks)} must be between 2 and {ChunkCountLimit} (it is {Text(MaxChunks)}).");
        if (MaxParallelChunks < 1) problems.Add($"{p}{nameof(MaxParallelChunks)} must be at least 1 (it is {Text(MaxParallelChunks)}).");
        return problems;
    }

    static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
