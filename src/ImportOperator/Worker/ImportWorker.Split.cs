using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Engine.Pipeline.Split;
using ImportOperator.Imports;
using ImportOperator.Storage;

namespace ImportOperator.Worker;

/// <summary>
/// The processing Job's split decision: an input at or past the threshold is planned into chunks (record boundaries
/// safe for quoted newlines); when the engine splits it, the plan is stored at <see cref="ImportObjectKeys.SplitPlan"/>
/// and the worker ends without a summary, which tells the operator to run the chunk pods and the merge.
/// </summary>
internal sealed partial class ImportWorker
{
    /// <summary>True when the input was split and the plan stored: nothing more to do in this pod.</summary>
    private async Task<bool> TrySplitAsync(ResolvedImport resolved, WorkerSplitSettings? split, InputDownload.DownloadedInput input,
        ImportObjectKeys keys, ScratchSpace scratch, DateTime started, CancellationToken cancellationToken)
    {
        if (split is not { ThresholdBytes: > 0 } || input.Length < split.ThresholdBytes) return false;
        // An input over maxFileSize was not downloaded: the whole run turns its length into FileTooLarge.
        if (resolved.Settings.MaxFileSize is { } max && input.Length > max) return false;

        var options = new SplitOptions { ThresholdBytes = split.ThresholdBytes, TargetChunkBytes = split.ChunkBytes, MaxChunks = split.MaxChunks };
        var decision = SplitImport.Plan(EngineRequest(resolved, input.Open, input.Length, scratch, publish: null, process: null), options, cancellationToken);
        if (decision.Plan is not { } plan)
        {
            log.Stage(Invariant($"processing whole: {input.Length:N0} bytes is past the split threshold ({split.ThresholdBytes:N0}), but {decision.WhyWhole}"));
            return false;
        }
        // The start first: the operator acts on the plan, and the merge reads the start.
        await StorageErrors.GuardAsync($"Storing the split start '{keys.SplitStarted}'", async () =>
        {
            using var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new SplitStart(started), ApiJson.Options), writable: false);
            await store.PutAsync(keys.SplitStarted, json, ResultsCommitter.JsonContentType, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await StorageErrors.GuardAsync($"Storing the split plan '{keys.SplitPlan}'", async () =>
        {
            using var json = new MemoryStream(plan.ToJson(), writable: false);
            await store.PutAsync(keys.SplitPlan, json, ResultsCommitter.JsonContentType, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        log.Stage(Invariant($"split into {plan.Chunks.Count} chunks: {input.Length:N0} bytes, about {split.ChunkBytes:N0} bytes each; plan stored at '{keys.SplitPlan}', the chunk pods and the merge commit the results"));
        return true;
    }
}

/// <summary>The stored form of <see cref="ImportObjectKeys.SplitStarted"/>.</summary>
internal sealed record SplitStart(DateTime StartTime);
