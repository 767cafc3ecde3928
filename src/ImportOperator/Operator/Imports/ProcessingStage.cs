using System.Net;
using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Jobs;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Storage;
using ImportOperator.Worker;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// PENDING → RUNNING → a result. Creates the one processing Job (deterministic name: a retry or a second replica
/// gets 409 AlreadyExists, never a second Job), follows it, and turns its end into the import's status: the
/// worker's committed summary when there is one, otherwise the Job's failure in words. While the Job runs, each check
/// copies the worker's progress.json into status.progress when it changed; the verdict drops it (the result's counts
/// say the rest).
/// </summary>
public sealed partial class ProcessingStage(ImportOperatorServices s, ImportTransitions transitions, FinishedStage finished)
{
    public async Task<ReconcileResult> StartAsync(HeadlessImport import, CancellationToken ct)
    {
        var jobName = ProcessingJobNames.For(import);
        if (await FindJobAsync(import, jobName, ct).ConfigureAwait(false) is null)
        {
            var failure = await CreateJobAsync(import, ct).ConfigureAwait(false);
            if (failure is not null) return await EnterAsync(import, failure, ct).ConfigureAwait(false);
        }
        var now = s.Now;
        var status = transitions.Base(import);
        status.Phase = ImportPhases.Running;
        status.StartTime ??= now;
        status.Conditions = ImportConditions.Set(status.Conditions, ImportConditions.Processing, true, "JobStarted",
            $"Processing Job {jobName} started.", now, import.Metadata.Generation);
        var running = await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false);
        return running is null ? ReconcileResult.Done : ReconcileResult.After(s.Options.RunningCheckInterval);
    }

    public async Task<ReconcileResult> FollowAsync(HeadlessImport import, CancellationToken ct)
    {
        var keys = ImportResolver.KeysOf(import);
        // A split import's later Jobs, when they exist, say how far it is; otherwise the processing Job does.
        if (await FollowSplitAsync(import, keys, ct).ConfigureAwait(false) is { } split) return split;
        var job = await FindJobAsync(import, ProcessingJobNames.For(import), ct).ConfigureAwait(false);
        if (job is null)
        {
            // Someone deleted the Job. Results already committed count; otherwise run it again (same name, so still one).
            if (await ReadSummaryAsync(keys, ct).ConfigureAwait(false) is { } committed)
                return await EnterAsync(import, transitions.FromSummary(import, committed), ct).ConfigureAwait(false);
            // The cache may be behind: the Job may be gone because this import already failed (and its Job was
            // deleted). Only a live read that still says RUNNING justifies running the Job again.
            var live = await s.Imports.GetAsync(ObjectKey.Of(import), ct).ConfigureAwait(false);
            if (live.Metadata.ResourceVersion != import.Metadata.ResourceVersion) return ReconcileResult.Retry;
            var failure = await CreateJobAsync(import, ct).ConfigureAwait(false);
            return failure is null ? ReconcileResult.After(s.Options.RunningCheckInterval) : await EnterAsync(import, failure, ct).ConfigureAwait(false);
        }

        switch (JobVerdict.StateOf(job))
        {
            case JobState.Succeeded:
            {
                var summary = await ReadSummaryAsync(keys, ct).ConfigureAwait(false);
                // No summary but a plan: the worker split the file, and its chunks come next.
                if (summary is null && await ReadPlanAsync(keys, ct).ConfigureAwait(false) is { } plan)
                    return await StartChunksAsync(import, keys, plan, ct).ConfigureAwait(false);
                return await EnterAsync(import, summary is not null
                    ? transitions.FromSummary(import, summary)
                    : transitions.Failed(import, JobFailureClassifier.WorkerFailed,
                        $"The processing Job {job.Metadata.Name} finished without committing results; see `kubectl logs -n {job.Metadata.NamespaceProperty} job/{job.Metadata.Name}`."), ct).ConfigureAwait(false);
            }
            case JobState.Failed:
            {
                // A worker may have committed its results and then been killed: the results stand.
                if (await ReadSummaryAsync(keys, ct).ConfigureAwait(false) is { } committed)
                    return await EnterAsync(import, transitions.FromSummary(import, committed), ct).ConfigureAwait(false);
                var pods = await PodsOfAsync(job, ct).ConfigureAwait(false);
                var failure = JobFailureClassifier.ForFailedJob(job, pods);
                return await EnterAsync(import, transitions.Failed(import, failure.Reason, failure.Message), ct).ConfigureAwait(false);
            }
            default:
            {
                var pods = await PodsOfAsync(job, ct).ConfigureAwait(false);
                if (JobFailureClassifier.ForStuckPods(pods, s.Now, s.Options.ImagePullTimeout) is { } stuck)
                {
                    await DeleteJobAsync(job, ct).ConfigureAwait(false);
                    return await EnterAsync(import, transitions.Failed(import, stuck.Reason, stuck.Message), ct).ConfigureAwait(false);
                }
                return await CopyProgressAsync(import, keys, ct).ConfigureAwait(false) ? ReconcileResult.After(s.Options.RunningCheckInterval) : ReconcileResult.Done;
            }
        }
    }

    /// <summary>
    /// NEEDS_REVIEW: once the review app has committed the reviewed results and said so with the review-completed
    /// annotation, the committed summary becomes the status; until then the import keeps waiting for its person.
    /// </summary>
    public async Task<ReconcileResult> FollowReviewAsync(HeadlessImport import, CancellationToken ct)
    {
        if (import.Metadata.Annotations?.ContainsKey(ImportLabels.ReviewCompletedAnnotation) == true
            && await ReadSummaryAsync(ImportResolver.KeysOf(import), ct).ConfigureAwait(false) is { Phase: not ImportPhases.NeedsReview } reviewed)
            return await EnterAsync(import, transitions.FromSummary(import, reviewed), ct).ConfigureAwait(false);
        return await finished.RunAsync(import, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the request, prepares the namespace and creates the Job; returns a FAILED status when the import cannot run.</summary>
    async Task<HeadlessImportStatus?> CreateJobAsync(HeadlessImport import, CancellationToken ct)
    {
        var resolution = ImportResolver.Resolve(import, s.Schemas);
        if (resolution.Resolved is null)
            return transitions.Failed(import, resolution.FailureReason!, resolution.SchemaMissing
                ? $"ImportSchema '{import.Spec.SchemaRef!.Name}' was deleted before the import was processed; create it again and create a new import."
                : resolution.FailureMessage!);

        var keys = ImportResolver.KeysOf(import);
        V1Job job;
        try { job = s.JobFactory.Build(import, resolution.Resolved.Settings, keys); }
        catch (InvalidProcessingSettingsException e) { return transitions.Failed(import, ImportResolver.InvalidSpec, e.Message); }

        var request = new WorkerRequest
        {
            Import = WithoutStatus(import),
            Schema = resolution.Schema,
            Split = s.Processing.SplitThresholdBytes > 0 ? s.Processing.ToWorkerSettings() : null,
        };
        using (var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(request, ApiJson.Options), writable: false))
            await s.Store.PutAsync(keys.Request, body, ResultsCommitter.JsonContentType, ct).ConfigureAwait(false);
        await s.NamespaceResources.EnsureAsync(import.Metadata.NamespaceProperty, ct).ConfigureAwait(false);
        try
        {
            await s.Client.BatchV1.CreateNamespacedJobAsync(job, import.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Created by an earlier attempt whose status write did not land: that Job is this import's Job.
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest)
        {
            return transitions.Failed(import, ImportResolver.InvalidSpec, $"The processing Job was refused by the API server: {ApiMessage(e)}");
        }
        return null;
    }

    /// <summary>Copies progress.json into status.progress when it changed; false when the import is gone.</summary>
    async Task<bool> CopyProgressAsync(HeadlessImport import, ImportObjectKeys keys, CancellationToken ct)
    {
        ImportProgressStatus? progress;
        try
        {
            await using var stream = await s.Store.GetAsync(keys.Progress, ct).ConfigureAwait(false);
            progress = await JsonSerializer.DeserializeAsync<ImportProgressStatus>(stream, ApiJson.Options, ct).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException) { return true; }
        catch (JsonException) { return true; } // a half-written or foreign file: the next check tries again
        var shown = import.Status?.Progress;
        if (progress is null || (shown is not null && shown.RowsProcessed == progress.RowsProcessed && shown.BytesRead == progress.BytesRead)) return true;
        var status = ImportStatusStore.Copy(import.Status);
        status.Progress = progress;
        return await s.Status.WriteAsync(import, status, ct).ConfigureAwait(false) is not null;
    }

    async Task<V1Job?> FindJobAsync(HeadlessImport import, string name, CancellationToken ct)
    {
        var cached = s.Jobs.Get(new ObjectKey(import.Metadata.NamespaceProperty, name));
        if (cached is not null) return OwnedBy(cached, import) ? cached : null;
        // The cache can lag just after a create; ask the API before concluding there is no Job.
        try
        {
            var live = await s.Client.BatchV1.ReadNamespacedJobAsync(name, import.Metadata.NamespaceProperty, cancellationToken: ct).ConfigureAwait(false);
            return OwnedBy(live, import) ? live : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { return null; }
    }

    static bool OwnedBy(V1Job job, HeadlessImport import) => job.Metadata.DeletionTimestamp is null
        && job.Metadata.OwnerReferences?.Any(o => o.Uid == import.Metadata.Uid) == true;

    async Task<IReadOnlyList<V1Pod>> PodsOfAsync(V1Job job, CancellationToken ct)
    {
        var list = await s.Client.CoreV1.ListNamespacedPodAsync(job.Metadata.NamespaceProperty, labelSelector: $"job-name={job.Metadata.Name}", cancellationToken: ct).ConfigureAwait(false);
        return list.Items.ToList();
    }

    async Task DeleteJobAsync(V1Job job, CancellationToken ct)
    {
        try
        {
            await s.Client.BatchV1.DeleteNamespacedJobAsync(job.Metadata.Name, job.Metadata.NamespaceProperty,
                new V1DeleteOptions { PropagationPolicy = "Background" }, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound) { }
    }

    async Task<ImportSummary?> ReadSummaryAsync(ImportObjectKeys keys, CancellationToken ct)
    {
        Stream stream;
        try { stream = await s.Store.GetAsync(keys.Summary, ct).ConfigureAwait(false); }
        catch (ObjectNotFoundException) { return null; }
        await using (stream)
            return await JsonSerializer.DeserializeAsync<ImportSummary>(stream, ApiJson.Options, ct).ConfigureAwait(false);
    }

    /// <summary>Enters a verdict; progress belongs to RUNNING only.</summary>
    Task<ReconcileResult> EnterAsync(HeadlessImport import, HeadlessImportStatus status, CancellationToken ct)
    {
        status.Progress = null;
        return finished.EnterAsync(import, status, ct);
    }

    static HeadlessImport WithoutStatus(HeadlessImport import) => new()
    {
        ApiVersion = import.ApiVersion,
        Kind = import.Kind,
        Metadata = new V1ObjectMeta
        {
            Name = import.Metadata.Name, NamespaceProperty = import.Metadata.NamespaceProperty,
            Uid = import.Metadata.Uid, Generation = import.Metadata.Generation,
        },
        Spec = import.Spec,
    };

    static string ApiMessage(HttpOperationException e)
    {
        try { return JsonDocument.Parse(e.Response.Content).RootElement.GetProperty("message").GetString() ?? e.Message; }
        catch (Exception) { return e.Message; }
    }
}
