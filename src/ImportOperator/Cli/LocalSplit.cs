using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Pipeline.Split;

namespace ImportOperator.Cli;

/// <summary>
/// <c>process --split-chunk-bytes</c>: the split run of the operator's Indexed Job on one machine — plan, every chunk
/// (in parallel, as pods would), merge — to prove locally that it gives the single run's results. Says on stdout how
/// many chunks were used, or why the file was processed whole.
/// </summary>
internal static class LocalSplit
{
    public static ImportOutcome Run(Func<int, ImportRequest> requestWith, int? hookEngines, string? dataFile, long chunkBytes,
        CancellationToken cancellationToken)
    {
        var planRequest = requestWith(hookEngines ?? Environment.ProcessorCount);
        if (dataFile is null)
        {
            Console.WriteLine("split: not used — the rows come from spec.initialData, not a file");
            return ImportProcessor.Run(planRequest, cancellationToken);
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var decision = SplitImport.Plan(planRequest, new SplitOptions { ThresholdBytes = 1, TargetChunkBytes = chunkBytes }, cancellationToken);
        if (decision.Plan is not { } plan)
        {
            Console.WriteLine($"split: not used — {decision.WhyWhole}");
            return ImportProcessor.Run(planRequest, cancellationToken);
        }

        var planTime = clock.Elapsed;
        // Chunks run side by side, so each gets its share of the cores for hooks (results do not depend on it).
        var parallelChunks = Math.Min(plan.Chunks.Count, Environment.ProcessorCount);
        var request = requestWith(hookEngines ?? Math.Max(1, Environment.ProcessorCount / parallelChunks));
        var folder = Path.Combine(request.OutputDirectory, $".split-{Guid.NewGuid():N}");
        try
        {
            var files = plan.Chunks.Select(c => Path.Combine(folder, $"chunk-{c.Index:D4}.rows")).ToArray();
            var openRange = FileRanges.Of(dataFile);
            Parallel.For(0, plan.Chunks.Count,
                new ParallelOptions { MaxDegreeOfParallelism = parallelChunks, CancellationToken = cancellationToken },
                i => SplitImport.RunChunk(request, plan, i, openRange, files[i], cancellationToken));
            var chunksTime = clock.Elapsed - planTime;
            var outcome = SplitImport.Merge(request, plan, files, openRange, cancellationToken);
            var mergeTime = clock.Elapsed - planTime - chunksTime;
            Console.WriteLine(FormattableString.Invariant(
                $"split: {plan.Chunks.Count} chunks of about {chunkBytes:N0} bytes ({plan.RowCount:N0} rows), merged; plan {planTime.TotalSeconds:0.00} s, chunks {chunksTime.TotalSeconds:0.00} s, merge {mergeTime.TotalSeconds:0.00} s"));
            return outcome;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
