using System.Globalization;
using System.Net;
using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Pipeline.Split;
using ImportOperator.Engine.Schema;
using ImportOperator.Imports;
using ImportOperator.Operator.Jobs;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime;
using ImportOperator.Storage;
using ImportOperator.Worker;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// A split import (an input past Processing:SplitThresholdBytes that the worker planned into chunks): after the
/// processing Job stored the plan and ended without a summary, the Indexed Job <c>&lt;job&gt;-chunks</c> runs one pod
/// per chunk, then the Job <c>&lt;job&gt;-merge</c> merges them and commits the results as a whole run does. Where
/// an import stands is read from what exists, never remembered: a summary, else the merge Job, else the chunks Job,
/// else the plan. Names are deterministic and a 409 adopts the existing Job, so an operator restarted at any point
/// creates none twice.
/// </summary>
public sealed partial class ProcessingStage
{
    public const string ChunksRunningReason = "ChunksRunning";
    public const string MergingReason = "Merging";

    /// <summary>Follows the merge or chunks Job when the cache holds one; null when neither exists (yet).</summary>
    async Task<ReconcileResult?> FollowSplitAsync(HeadlessImport import, ImportObjectKeys keys, CancellationToken ct)
    {
        if (CachedJob(import, ProcessingJobNames.Merge(import)) is { } merge) return await FollowMergeAsync(import, keys, merge, ct).ConfigureAwait(false);
        if (CachedJob(import, ProcessingJobNames.Chunks(import)) is { } chunks) return await FollowChunksAsync(import, keys, chunks, ct).ConfigureAwait(false);
        // Just created and not in the cache yet: the processing Job's success leads here again, and the create's 409 adopts it.
        return null;
    }

    V1Job? CachedJob(HeadlessImport import, string name) =>
        s.Jobs.Get(new ObjectKey(import.Metadata.NamespaceProperty, name)) is { } job && OwnedBy(job, import) ? job : null;

    Task<ReconcileResult> StartChunksAsync(HeadlessImport import, ImportObjectKeys keys, SplitPlan plan, CancellationToken ct) =>
        StartSplitJobAsync(import, keys,
            settings => s.JobFactory.BuildChunks(import, settings, keys, plan.Chunks.Count, s.Processing.MaxParallelChunks),
            created => FollowChunksAsync(import, keys, created, ct), ct);

    /// <summary>
    /// Builds a later Job of a split import from the frozen request's settings, creates it (or adopts the one an
    /// earlier attempt created) and follows it; a refusal at any step is the import's verdict.
    /// </summary>
    async Task<ReconcileResult> StartSplitJobAsync(HeadlessImport import, ImportObjectKeys keys, Func<ImportSettings, V1Job> build,
        Func<V1Job, Task<ReconcileResult>> follow, CancellationToken ct)
    {
        var (settings, refusal) = await FrozenSettingsAsync(import, keys, ct).ConfigureAwait(false);
        if (settings is null) return await EnterSplitVerdictAsync(import, keys, refusal!, ct).ConfigureAwait(false);
        V1Job job;
        try { job = build(settings); }
        catch (InvalidProcessingSettingsException e) { return await EnterSplitVerdictAsync(import, keys, transitions.Failed(import, ImportResolver.InvalidSpec, e.Message), ct).ConfigureAwait(false); }
        var (created, refused) = await CreateOrAdoptAsync(import, job, ct).ConfigureAwait(false);
        if (created is null) return await EnterSplitVerdictAsync(import, keys, refused!, ct).ConfigureAwait(false);
        return await follow(created).ConfigureAwait(false);
    }

    async Task<ReconcileResult> FollowChunksAsync(HeadlessImport import, ImportObjectKeys keys, V1Job job, CancellationToken ct)
    {
        switch (JobVerdict.StateOf(job))
        {
            case JobState.Succeeded:
                return await StartMergeAsync(import, keys, job, ct).ConfigureAwait(false);
            case JobState.Failed:
                return await FailSplitJobAsync(import, keys, job, ct).ConfigureAwait(false);
            default:
            {
                if (await StuckAsync(import, job, ct).ConfigureAwait(false) is { } stuck)
                    return await EnterSplitVerdictAsync(import, keys, stuck, ct).ConfigureAwait(false);
                var total = job.Spec?.Completions ?? 0;
                var done = job.Status?.Succeeded ?? 0;
                var message = $"Processing Job {ProcessingJobNames.For(import)} split the file into {Count(total)} chunks; chunk {Count(done)} of {Count(total)} done (Indexed Job {job.Metadata.Name}).";
                if (ProcessingMessage(import) == message) return ReconcileResult.After(s.Options.RunningCheckInterval);
                var progress = await ChunkProgressAsync(keys, job.Status?.CompletedIndexes, ct).ConfigureAwait(false);
                return await WriteRunningAsync(import, ChunksRunningReason, message, progress, ct).ConfigureAwait(false);
            }
        }
    }

    Task<ReconcileResult> StartMergeAsync(HeadlessImport import, ImportObjectKeys keys, V1Job chunks, CancellationToken ct) =>
        StartSplitJobAsync(import, keys,
            settings => s.JobFactory.BuildMerge(import, settings, keys),
            created => FollowMergeAsync(import, keys, created, ct,
                $"All {Count(chunks.Spec?.Completions ?? 0)} chunks done (Indexed Job {chunks.Metadata.Name}); merging them (Job {created.Metadata.Name})."), ct);

    async Task<ReconcileResult> FollowMergeAsync(HeadlessImport import, ImportObjectKeys keys, V1Job job, CancellationToken ct, string? message = null)
    {
        switch (JobVerdict.StateOf(job))
        {
            case JobState.Succeeded:
            {
                var summary = await ReadSummaryAsync(keys, ct).ConfigureAwait(false);
                return await EnterSplitVerdictAsync(import, keys, summary is not null
                    ? transitions.FromSummary(import, summary)
                    : transitions.Failed(import, JobFailureClassifier.WorkerFailed,
                        $"The merge Job {job.Metadata.Name} finished without committing results; see `kubectl logs -n {job.Metadata.NamespaceProperty} job/{job.Metadata.Name}`."), ct).ConfigureAwait(false);
            }
            case JobState.Failed:
                return await FailSplitJobAsync(import, keys, job, ct).ConfigureAwait(false);
            default:
            {
                if (await StuckAsync(import, job, ct).ConfigureAwait(false) is { } stuck)
                    return await EnterSplitVerdictAsync(import, keys, stuck, ct).ConfigureAwait(false);
                if (message is null && ProcessingReason(import) == MergingReason) return ReconcileResult.After(s.Options.RunningCheckInterval);
                message ??= $"All chunks done; merging them (Job {job.Metadata.Name}).";
                return await WriteRunningAsync(import, MergingReason, message, import.Status?.Progress, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A failed chunks or merge Job: committed results stand (the merge may have committed, then died); otherwise its failure in words.</summary>
    async Task<ReconcileResult> FailSplitJobAsync(HeadlessImport import, ImportObjectKeys keys, V1Job job, CancellationToken ct)
    {
        if (await ReadSummaryAsync(keys, ct).ConfigureAwait(false) is { } committed)
            return await EnterSplitVerdictAsync(import, keys, transitions.FromSummary(import, committed), ct).ConfigureAwait(false);
        var failure = JobFailureClassifier.ForFailedJob(job, await PodsOfAsync(job, ct).ConfigureAwait(false));
        return await EnterSplitVerdictAsync(import, keys, transitions.Failed(import, failure.Reason, failure.Message), ct).ConfigureAwait(false);
    }

    /// <summary>A pod that can never start (image, missing Secret): the Job goes, the import fails in words.</summary>
    async Task<HeadlessImportStatus?> StuckAsync(HeadlessImport import, V1Job job, CancellationToken ct)
    {
        var pods = await PodsOfAsync(job, ct).ConfigureAwait(false);
        if (JobFailureClassifier.ForStuckPods(pods, s.Now, s.Options.ImagePullTimeout) is not { } stuck) return null;
        await DeleteJobAsync(job, ct).ConfigureAwait(false);
        return transitions.Failed(import, stuck.Reason, stuck.Message);
    }

    /// <summary>The verdict of a split import; its split/ objects (as large as the input) go first.</summary>
    async Task<ReconcileResult> EnterSplitVerdictAsync(HeadlessImport import, ImportObjectKeys keys, HeadlessImportStatus status, CancellationToken ct)
    {
        try { await s.Store.DeletePrefixAsync(keys.SplitPrefix, ct).ConfigureAwait(false); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The import's clean-up deletes its whole prefix later; a storage hiccup must not hold the verdict back.
            SplitLog.ObjectsLeft(s.Logger, keys.SplitPrefix, e);
        }
        return await EnterAsync(import, status, ct).ConfigureAwait(false);
    }

    /// <summary>RUNNING with the Processing condition telling the step (and the chunks' progress when known).</summary>
    async Task<ReconcileResult> WriteRunningAsync(HeadlessImport import, string reason, string message, ImportProgressStatus? progress, CancellationToken ct)
    {
        var status = ImportStatusStore.Copy(import.Status);
        status.Phase = ImportPhases.Running;
        status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.Processing, true, reason, message, s.Now, import.Metadata.Generation);
        if (progress is not null) status.Progress = progress;
        var written = await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false);
        return written is null ? ReconcileResult.Done : ReconcileResult.After(s.Options.RunningCheckInterval);
    }

    static string? ProcessingMessage(HeadlessImport import) =>
        import.Status?.Conditions?.FirstOrDefault(c => c.Type == ImportConditions.Processing)?.Message;

    static string? ProcessingReason(HeadlessImport import) =>
        import.Status?.Conditions?.FirstOrDefault(c => c.Type == ImportConditions.Processing)?.Reason;

    /// <summary>Creates the Job; an existing one (409: an earlier attempt, before a restart) is this import's and is adopted.</summary>
    async Task<(V1Job? Job, HeadlessImportStatus? Refusal)> CreateOrAdoptAsync(HeadlessImport import, V1Job job, CancellationToken ct)
    {
        try
        {
            return (await s.Client.BatchV1.CreateNamespacedJobAsync(job, import.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false), null);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await FindJobAsync(import, job.Metadata.Name, ct).ConfigureAwait(false);
            return existing is not null ? (existing, null)
                : (null, transitions.Failed(import, JobFailureClassifier.WorkerFailed, $"Job {job.Metadata.Name} exists but does not belong to this import (or is being deleted); delete it and create a new import."));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            return (null, transitions.Failed(import, ImportResolver.InvalidSpec, $"Job {job.Metadata.Name} was refused by the API server: {ApiMessage(e)}"));
        }
    }

    /// <summary>The settings of the frozen request (what the processing Job ran with), so an edited schema cannot change a split half-way.</summary>
    async Task<(ImportSettings? Settings, HeadlessImportStatus? Refusal)> FrozenSettingsAsync(HeadlessImport import, ImportObjectKeys keys, CancellationToken ct)
    {
        WorkerRequest? request;
        try
        {
            await using var stream = await s.Store.GetAsync(keys.Request, ct).ConfigureAwait(false);
            request = await JsonSerializer.DeserializeAsync<WorkerRequest>(stream, ApiJson.Options, ct).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException) { request = null; }
        catch (JsonException) { request = null; }
        var problems = new SchemaProblems();
        var resolved = request is null ? null : ResolvedImport.Resolve(request.Import, request.Schema, problems);
        return resolved is not null ? (resolved.Settings, null)
            : (null, transitions.Failed(import, JobFailureClassifier.WorkerFailed, $"The stored request '{keys.Request}' is missing or no longer valid, so the split import's next Job cannot be built{(problems.All.Count > 0 ? ": " + string.Join("; ", problems.All) : "")}."));
    }

    async Task<SplitPlan?> ReadPlanAsync(ImportObjectKeys keys, CancellationToken ct)
    {
        byte[] json;
        try
        {
            await using var stream = await s.Store.GetAsync(keys.SplitPlan, ct).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            json = buffer.ToArray();
        }
        catch (ObjectNotFoundException) { return null; }
        try { return SplitPlan.FromJson(json, s.Location(keys.SplitPlan)); }
        catch (FormatException) { return null; } // a damaged plan: the "finished without results" failure says where to look
    }

    /// <summary>status.progress of a split import: the rows and bytes of the chunks done, from the plan (no per-pod reporting needed).</summary>
    async Task<ImportProgressStatus?> ChunkProgressAsync(ImportObjectKeys keys, string? completedIndexes, CancellationToken ct)
    {
        var done = IndexedJobIndexes.Parse(completedIndexes);
        if (done.Count == 0 || await ReadPlanAsync(keys, ct).ConfigureAwait(false) is not { } plan) return null;
        var chunks = plan.Chunks.Where(c => done.Contains(c.Index)).ToList();
        var bytes = chunks.Sum(c => c.Length);
        return new ImportProgressStatus
        {
            RowsProcessed = chunks.Sum(c => c.RowCount),
            BytesRead = bytes,
            TotalBytes = plan.InputLength,
            Percent = plan.InputLength > 0 ? (int)Math.Min(100, 100 * bytes / plan.InputLength) : null,
            UpdatedAt = s.Now,
        };
    }

    static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}

static partial class SplitLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the split objects under {Prefix}; the import's clean-up removes them")]
    public static partial void ObjectsLeft(ILogger logger, string prefix, Exception exception);
}
