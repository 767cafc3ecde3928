using System.Diagnostics;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Pipeline.Split;
using ImportOperator.Imports;
using ImportOperator.Storage;
using ImportOperator.Telemetry;

namespace ImportOperator.Worker;

/// <summary>
/// The two later steps of a split import. A chunk pod (one per index of the Indexed Job) reads the file's head and
/// its chunk by ranged GETs and stores its rows at <see cref="ImportObjectKeys.Chunk"/>; the merge pod downloads
/// every chunk's rows, applies the whole-file rules and commits exactly as a whole run does (summary last), then
/// deletes the split/ objects. Both refuse an input whose length is not the plan's: a file uploaded again between
/// steps must never be mixed with the one that was planned.
/// </summary>
internal sealed partial class ImportWorker
{
    /// <summary>Processes chunk <paramref name="chunkIndex"/> of the stored plan and stores its rows.</summary>
    public async Task RunChunkAsync(string requestKey, int chunkIndex, string? scratchDirectory, CancellationToken cancellationToken)
    {
        var (request, keys) = await OpenRequestAsync(requestKey, cancellationToken).ConfigureAwait(false);
        using var scratch = ScratchSpace.Create(scratchDirectory);
        var step = await OpenSplitStepAsync(request, requestKey, keys, scratch, cancellationToken).ConfigureAwait(false);
        var plan = step.Plan;
        if (chunkIndex < 0 || chunkIndex >= plan.Chunks.Count)
            throw WorkerFailure.Permanent($"Chunk index {chunkIndex} is outside the split plan '{keys.SplitPlan}', which has {plan.Chunks.Count} chunks (0 to {plan.Chunks.Count - 1}).");
        var chunk = plan.Chunks[chunkIndex];
        await step.Input.FetchAsync(0, plan.HeadLength).ConfigureAwait(false);
        await step.Input.FetchAsync(chunk.StartByte, chunk.Length).ConfigureAwait(false);

        var clock = Stopwatch.StartNew();
        var chunkFile = Path.Combine(scratch.Folder, "chunk.rows");
        using (ImportTelemetry.Source.StartActivity("process"))
            SplitImport.RunChunk(step.Request, plan, chunkIndex, step.Input.Open, chunkFile, cancellationToken);
        var rowsBytes = new FileInfo(chunkFile).Length;
        await StorageErrors.GuardAsync($"Storing the rows of chunk {chunkIndex} at '{keys.Chunk(chunkIndex)}'", async () =>
        {
            await using var rows = OpenForUpload(chunkFile);
            await store.PutAsync(keys.Chunk(chunkIndex), rows, "application/octet-stream", cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        log.Stage(Invariant($"chunk {chunkIndex} of {plan.Chunks.Count} processed: {chunk.RowCount:N0} rows from byte {chunk.StartByte:N0} to {chunk.EndByte:N0} in {clock.Elapsed.TotalSeconds:0.0} s; {rowsBytes:N0} bytes stored at '{keys.Chunk(chunkIndex)}'"));
    }

    /// <summary>Merges every chunk's rows into the import's results, commits them, and deletes the split/ objects.</summary>
    public async Task<ImportSummary> RunMergeAsync(string requestKey, string? scratchDirectory, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var (request, keys) = await OpenRequestAsync(requestKey, cancellationToken).ConfigureAwait(false);
        using var scratch = ScratchSpace.Create(scratchDirectory);
        var step = await OpenSplitStepAsync(request, requestKey, keys, scratch, cancellationToken).ConfigureAwait(false);
        var plan = step.Plan;
        var processingStarted = await ReadSplitStartAsync(keys, started, cancellationToken).ConfigureAwait(false);
        await step.Input.FetchAsync(0, plan.HeadLength).ConfigureAwait(false);
        var chunkFiles = new List<string>(plan.Chunks.Count);
        foreach (var chunk in plan.Chunks)
            chunkFiles.Add(await DownloadChunkAsync(keys, chunk.Index, plan.Chunks.Count, scratch, cancellationToken).ConfigureAwait(false));

        var clock = Stopwatch.StartNew();
        ImportOutcome outcome;
        using (ImportTelemetry.Source.StartActivity("process"))
            outcome = SplitImport.Merge(step.Request, plan, chunkFiles, step.Input.Open, cancellationToken);
        foreach (var line in outcome.HookLog) log.Stage($"hook: {line}");
        var summary = ImportSummary.FromOutcome(outcome, processingStarted, DateTime.UtcNow, plan.InputLength);
        log.Stage(Invariant($"merged {plan.Chunks.Count} chunks: {summary.Phase} ({summary.Reason}), {outcome.NumDataRows:N0} rows read, {outcome.NumValidRows:N0} valid, {outcome.NumInvalidRows:N0} invalid, {outcome.NumResultRows:N0} in data.json, in {clock.Elapsed.TotalSeconds:0.0} s: {StorageErrors.OneLine(outcome.Message)}"));

        var committed = await CommitAndRecordAsync(keys, new LocalResults(summary, outcome.DataPath, outcome.MetadataPath), started, cancellationToken).ConfigureAwait(false);
        await DeleteSplitObjectsAsync(keys, cancellationToken).ConfigureAwait(false);
        return committed;
    }

    /// <summary>The request resolved again, the plan, and the input as ranges, once the input is known to be the planned one.</summary>
    private sealed record SplitStep(ImportRequest Request, SplitPlan Plan, RangedInput Input);

    private async Task<SplitStep> OpenSplitStepAsync(WorkerRequest request, string requestKey, ImportObjectKeys keys, ScratchSpace scratch, CancellationToken cancellationToken)
    {
        var problems = new SchemaProblems();
        var resolved = ResolvedImport.Resolve(request.Import, request.Schema, problems)
            ?? throw WorkerFailure.Permanent($"The request object '{requestKey}' no longer resolves ({string.Join("; ", problems.All)}), although it was split: it changed after the plan was made.");
        var plan = await ReadPlanAsync(keys, cancellationToken).ConfigureAwait(false);
        var length = await StorageErrors.GuardAsync($"Reading the size of the input object '{keys.Input}'", () => store.GetSizeAsync(keys.Input, cancellationToken), cancellationToken).ConfigureAwait(false)
            ?? throw WorkerFailure.Permanent($"The input object '{keys.Input}' no longer exists: it was deleted while the import was processed in chunks.");
        if (length != plan.InputLength)
            throw WorkerFailure.Permanent(Invariant($"The input object '{keys.Input}' is {length:N0} bytes, but the split plan '{keys.SplitPlan}' was made for {plan.InputLength:N0} bytes: the file was replaced while it was processed in chunks, and chunks of two files must not be merged. Create a new import for the new file."));
        var input = new RangedInput(store, keys.Input, plan.InputLength, scratch.Folder, log, cancellationToken);
        var engineRequest = EngineRequest(resolved, input.OpenWhole, plan.InputLength, scratch, publish: null, process: null);
        return new SplitStep(engineRequest, plan, input);
    }

    /// <summary>When the processing Job started; the merge's own start when that record is missing or unreadable (then said so).</summary>
    private async Task<DateTime> ReadSplitStartAsync(ImportObjectKeys keys, DateTime mergeStarted, CancellationToken cancellationToken)
    {
        try
        {
            var start = await StorageErrors.GuardAsync($"Reading the split start '{keys.SplitStarted}'", async () =>
            {
                await using var stream = await store.GetAsync(keys.SplitStarted, cancellationToken).ConfigureAwait(false);
                return await System.Text.Json.JsonSerializer.DeserializeAsync<SplitStart>(stream, Api.ApiJson.Options, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            if (start is { StartTime: var time } && time <= mergeStarted) return time;
        }
        catch (ObjectNotFoundException) { }
        catch (System.Text.Json.JsonException) { }
        log.Stage($"the split start '{keys.SplitStarted}' is missing or unreadable: the summary's start time is the merge's");
        return mergeStarted;
    }

    private async Task<SplitPlan> ReadPlanAsync(ImportObjectKeys keys, CancellationToken cancellationToken)
    {
        byte[] json;
        try
        {
            json = await StorageErrors.GuardAsync($"Reading the split plan '{keys.SplitPlan}'", async () =>
            {
                await using var stream = await store.GetAsync(keys.SplitPlan, cancellationToken).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return buffer.ToArray();
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException e)
        {
            throw WorkerFailure.Permanent($"The split plan '{keys.SplitPlan}' does not exist: the processing Job stores it before the operator starts the chunk pods, so it was deleted since.", e);
        }
        try
        {
            return SplitPlan.FromJson(json, keys.SplitPlan);
        }
        catch (FormatException e)
        {
            throw WorkerFailure.Permanent($"The split plan '{keys.SplitPlan}' cannot be read: {StorageErrors.OneLine(e.Message)}", e);
        }
    }

    private async Task<string> DownloadChunkAsync(ImportObjectKeys keys, int index, int count, ScratchSpace scratch, CancellationToken cancellationToken)
    {
        var key = keys.Chunk(index);
        var path = Path.Combine(scratch.Folder, Invariant($"chunk-{index}.rows"));
        try
        {
            await StorageErrors.GuardAsync($"Downloading the rows of chunk {index} from '{key}'", async () =>
            {
                await using var source = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
                await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await source.CopyToAsync(target, 1 << 16, cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException e)
        {
            throw WorkerFailure.Permanent($"The rows of chunk {index} of {count} ('{key}') do not exist: every chunk pod stores its rows before it succeeds, so they were deleted since.", e);
        }
        return path;
    }

    /// <summary>The split/ objects can be as large as the input: gone once the results are committed. A failure here only leaves them to the import's clean-up.</summary>
    private async Task DeleteSplitObjectsAsync(ImportObjectKeys keys, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await store.DeletePrefixAsync(keys.SplitPrefix, cancellationToken).ConfigureAwait(false);
            log.Stage(Invariant($"split objects deleted: {deleted} under '{keys.SplitPrefix}'"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Stage($"split objects not deleted (the import's clean-up removes them): {StorageErrors.Describe(e)}");
        }
    }

}
