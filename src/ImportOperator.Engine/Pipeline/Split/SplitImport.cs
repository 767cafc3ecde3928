namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// Processing one large file as chunks in parallel (an Indexed Job: one pod per chunk), with a result equal byte
/// for byte to <see cref="ImportProcessor.Run"/> on the whole file. Three steps: <see cref="Plan"/> (one pass over
/// the file: record boundaries safe for quoted newlines), <see cref="RunChunk"/> (per chunk: the per-row steps)
/// and <see cref="Merge"/> (the whole-file rules over all chunks, then data.json and metadata.json).
/// </summary>
public static class SplitImport
{
    /// <summary>
    /// Reads the whole input (<see cref="ImportRequest.OpenInput"/>) and decides: a plan, or why the file is
    /// processed whole (too small, not delimited text, a schema or file the split cannot reproduce exactly).
    /// </summary>
    public static SplitDecision Plan(ImportRequest request, SplitOptions options, CancellationToken cancellationToken = default) =>
        SplitPlanner.Plan(request, options, cancellationToken);

    /// <summary>
    /// Processes one chunk and writes its rows (and any failure that stops the import) to <paramref name="chunkFile"/>.
    /// Reads the input only through <paramref name="openRange"/> (start, length): the file's head and the chunk.
    /// </summary>
    public static void RunChunk(ImportRequest request, SplitPlan plan, int chunkIndex, Func<long, long, Stream> openRange,
        string chunkFile, CancellationToken cancellationToken = default) =>
        ChunkRunner.Run(request, plan, chunkIndex, openRange, chunkFile, cancellationToken);

    /// <summary>
    /// Merges the chunk files (in chunk order, one per chunk of <paramref name="plan"/>), applies the whole-file rules
    /// and writes data.json and metadata.json to <see cref="ImportRequest.OutputDirectory"/>: the same outcome as
    /// <see cref="ImportProcessor.Run"/> on the whole file.
    /// </summary>
    public static ImportOutcome Merge(ImportRequest request, SplitPlan plan, IReadOnlyList<string> chunkFiles,
        Func<long, long, Stream> openRange, CancellationToken cancellationToken = default) =>
        SplitMerger.Merge(request, plan, chunkFiles, openRange, cancellationToken);
}
