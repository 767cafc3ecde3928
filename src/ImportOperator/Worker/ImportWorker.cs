using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.S3;
using ImportOperator.Api;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Results;
using ImportOperator.Imports;
using ImportOperator.Storage;
using ImportOperator.Telemetry;

namespace ImportOperator.Worker;

/// <summary>
/// One import inside its processing Job: read the frozen request, download the input to scratch, run the engine
/// exactly as the process verb does, and commit data.json, metadata.json and the summary (last). Bad data, a
/// throwing hook or an unreadable file are outcomes that get committed; only what prevents a summary throws
/// (<see cref="WorkerFailure"/> for the foreseen cases). Spans: download, process (with the engine's stages under
/// it) and commit, children of the span current when it runs (the worker's root span).
/// </summary>
internal sealed partial class ImportWorker(IObjectStore store, string storageName, WorkerLog log, TimeSpan progressInterval, TimeSpan? progressPublishInterval = null)
{
    /// <summary>
    /// Runs the import and commits its summary; returns the committed summary, or null when the input was split into
    /// chunks instead (the plan is stored; the operator runs the chunk pods and the merge, which commits).
    /// </summary>
    public async Task<ImportSummary?> RunAsync(string requestKey, string? scratchDirectory, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var (request, keys) = await OpenRequestAsync(requestKey, cancellationToken).ConfigureAwait(false);

        using var scratch = ScratchSpace.Create(scratchDirectory);
        var problems = new SchemaProblems();
        var resolved = ResolvedImport.Resolve(request.Import, request.Schema, problems);
        var results = resolved is null
            ? Refuse(request, problems, scratch, started)
            : await ProcessAsync(resolved, request.Split, keys, scratch, started, cancellationToken).ConfigureAwait(false);
        if (results is null) return null;
        return await CommitAndRecordAsync(keys, results, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the request, checks its keys, and tags the log and the span with the import.</summary>
    private async Task<(WorkerRequest Request, ImportObjectKeys Keys)> OpenRequestAsync(string requestKey, CancellationToken cancellationToken)
    {
        var request = await ReadRequestAsync(requestKey, cancellationToken).ConfigureAwait(false);
        var import = request.Import;
        var keys = KeysOf(request, requestKey);
        log.Import = ImportLogScope.Of(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid);
        ImportTelemetry.TagImport(Activity.Current, import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid);
        log.Stage(Invariant($"request read: HeadlessImport {import.Metadata.NamespaceProperty}/{import.Metadata.Name} (uid {import.Metadata.Uid}, generation {import.Metadata.Generation}) from '{requestKey}' in {storageName}"));
        return (request, keys);
    }

    /// <summary>Commits the results (summary last) and records the run's metrics and span tags.</summary>
    private async Task<ImportSummary> CommitAndRecordAsync(ImportObjectKeys keys, LocalResults results, DateTime started, CancellationToken cancellationToken)
    {
        using (var commit = ImportTelemetry.Source.StartActivity("commit"))
        {
            var commitClock = Stopwatch.StartNew();
            await CommitAsync(keys, results, cancellationToken).ConfigureAwait(false);
            WorkerMetrics.StageDuration.Record(commitClock.Elapsed.TotalSeconds, WorkerMetrics.Stage("commit"));
        }
        var summary = results.Summary;
        var phase = new KeyValuePair<string, object?>(ImportTelemetry.Attributes.Phase, summary.Phase);
        WorkerMetrics.RowsProcessed.Add(summary.ResultMetadata.NumDataRows, phase);
        WorkerMetrics.RowsInvalid.Add(summary.ResultMetadata.NumInvalidRows, phase);
        WorkerMetrics.InputRead.Add(summary.InputBytes, phase);
        WorkerMetrics.Duration.Record((DateTime.UtcNow - started).TotalSeconds, phase);
        Activity.Current?.SetTag(ImportTelemetry.Attributes.Phase, summary.Phase);
        Activity.Current?.SetTag(ImportTelemetry.Attributes.Reason, summary.Reason);
        Activity.Current?.SetTag(ImportTelemetry.Attributes.Rows, summary.ResultMetadata.NumDataRows);
        Activity.Current?.SetTag(ImportTelemetry.Attributes.InvalidRows, summary.ResultMetadata.NumInvalidRows);
        return summary;
    }

    private async Task<WorkerRequest> ReadRequestAsync(string requestKey, CancellationToken cancellationToken)
    {
        try
        {
            return await StorageErrors.GuardAsync($"Reading the request object '{requestKey}'", async () =>
            {
                await using var json = await store.GetAsync(requestKey, cancellationToken).ConfigureAwait(false);
                return await JsonSerializer.DeserializeAsync<WorkerRequest>(json, ApiJson.Options, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("it is the JSON literal null.");
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException e) when (e.InnerException is AmazonS3Exception { ErrorCode: "NoSuchBucket" })
        {
            throw WorkerFailure.Permanent($"Reading the request object '{requestKey}' failed: there is no {storageName} (check Storage:Bucket, IMPORT_OPERATOR_Storage__Bucket).", e);
        }
        catch (ObjectNotFoundException e)
        {
            throw WorkerFailure.Permanent($"The request object '{requestKey}' does not exist in {storageName}: the operator stores it before it creates the Job, so the key is wrong or the import was deleted.", e);
        }
        catch (JsonException e)
        {
            throw WorkerFailure.Permanent($"The request object '{requestKey}' is not a valid WorkerRequest: {StorageErrors.OneLine(e.Message)}", e);
        }
    }

    /// <summary>The import's keys; the request must be the one stored under them, so results go beside it.</summary>
    private static ImportObjectKeys KeysOf(WorkerRequest request, string requestKey)
    {
        var metadata = request.Import.Metadata;
        if (string.IsNullOrEmpty(metadata.NamespaceProperty) || string.IsNullOrEmpty(metadata.Name) || string.IsNullOrEmpty(metadata.Uid))
            throw WorkerFailure.Permanent($"The request object '{requestKey}' is not a valid WorkerRequest: import.metadata must carry namespace, name and uid (it has namespace '{metadata.NamespaceProperty}', name '{metadata.Name}', uid '{metadata.Uid}').");
        ImportObjectKeys keys;
        try
        {
            keys = ImportObjectKeys.For(metadata.NamespaceProperty, metadata.Name, metadata.Uid, WorkerRequest.InputFileNameOf(request.Import));
        }
        catch (ArgumentException e)
        {
            throw WorkerFailure.Permanent($"The import in request object '{requestKey}' has no valid object keys: {StorageErrors.OneLine(e.Message)}", e);
        }
        if (!string.Equals(keys.Request, requestKey, StringComparison.Ordinal))
            throw WorkerFailure.Permanent($"The request object '{requestKey}' describes HeadlessImport {metadata.NamespaceProperty}/{metadata.Name} (uid {metadata.Uid}), whose request key is '{keys.Request}': refusing to write results for one import from another's request.");
        return keys;
    }

    /// <summary>A spec that does not resolve is the import's verdict, not the Job's failure: FAILED, empty results.</summary>
    private LocalResults Refuse(WorkerRequest request, SchemaProblems problems, ScratchSpace scratch, DateTime started)
    {
        var import = request.Import;
        var reason = import.Spec.SchemaRef is not null && request.Schema is null && problems.All.All(p => p.Path == "spec.schemaRef.name")
            ? WorkerReasons.SchemaNotFound
            : WorkerReasons.InvalidSpec;
        var message = string.Join("; ", problems.All);
        EmptyResults.Write(scratch.OutputDirectory, ResolvedImport.IdentifierOf(import, import.Spec.Settings),
            ResolvedImport.FileNameOf(import), import.Spec.User, import.Spec.Fields ?? request.Schema?.Spec.Fields ?? []);
        log.Stage($"processed: FAILED ({reason}), nothing read: {message}");
        return new LocalResults(ImportSummary.Invalid(reason, message, started, DateTime.UtcNow),
            Path.Combine(scratch.OutputDirectory, ResultFileNames.Data), Path.Combine(scratch.OutputDirectory, ResultFileNames.Metadata));
    }

    private async Task<LocalResults?> ProcessAsync(ResolvedImport resolved, WorkerSplitSettings? split, ImportObjectKeys keys,
        ScratchSpace scratch, DateTime started, CancellationToken cancellationToken)
    {
        InputDownload.DownloadedInput input;
        using (var download = ImportTelemetry.Source.StartActivity("download"))
        {
            var downloadClock = Stopwatch.StartNew();
            input = await new InputDownload(store, storageName, log)
                .RunAsync(keys.Input, resolved.Settings.MaxFileSize, scratch.InputPath, cancellationToken).ConfigureAwait(false);
            download?.SetTag(ImportTelemetry.Attributes.InputBytes, input.Length);
            WorkerMetrics.StageDuration.Record(downloadClock.Elapsed.TotalSeconds, WorkerMetrics.Stage("download"));
        }
        if (await TrySplitAsync(resolved, split, input, keys, scratch, started, cancellationToken).ConfigureAwait(false)) return null;
        var clock = Stopwatch.StartNew();
        using var process = ImportTelemetry.Source.StartActivity("process");
        var publisher = new ProgressPublisher(store, keys.Progress, log, progressPublishInterval ?? TimeSpan.FromSeconds(3));
        ImportOutcome outcome;
        try
        {
            outcome = RunEngine(resolved, input, scratch, publisher, process, cancellationToken);
        }
        finally
        {
            await publisher.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var line in outcome.HookLog) log.Stage($"hook: {line}");
        var summary = ImportSummary.FromOutcome(outcome, started, DateTime.UtcNow, input.Length);
        log.Stage(Invariant($"processed: {summary.Phase} ({summary.Reason}), {outcome.NumDataRows:N0} rows read, {outcome.NumValidRows:N0} valid, {outcome.NumInvalidRows:N0} invalid, {outcome.NumResultRows:N0} in data.json, in {clock.Elapsed.TotalSeconds:0.0} s: {StorageErrors.OneLine(outcome.Message)}"));
        return new LocalResults(summary, outcome.DataPath, outcome.MetadataPath);
    }

    private ImportOutcome RunEngine(ResolvedImport resolved, InputDownload.DownloadedInput input, ScratchSpace scratch,
        ProgressPublisher publisher, Activity? process, CancellationToken cancellationToken) =>
        ImportProcessor.Run(EngineRequest(resolved, input.Open, input.Length, scratch, publisher.Update, process), cancellationToken);

    /// <summary>The engine's request for this import: the same for a whole run, a split's plan, chunks and merge.</summary>
    private ImportRequest EngineRequest(ResolvedImport resolved, Func<Stream> openInput, long inputLength, ScratchSpace scratch,
        Action<ImportProgress>? publish, Activity? process) =>
        resolved.ToEngineRequest(openInput, inputLength, scratch.OutputDirectory, Environment.ProcessorCount,
            new WorkerProgress(log, progressInterval, publish), new WorkerStageObserver(process));

    /// <summary>The verdict, and the result files in scratch waiting to be committed.</summary>
    private sealed record LocalResults(ImportSummary Summary, string DataPath, string MetadataPath);

    private async Task CommitAsync(ImportObjectKeys keys, LocalResults results, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (summary, dataPath, metadataPath) = results;
        var dataBytes = new FileInfo(dataPath).Length;
        var metadataBytes = new FileInfo(metadataPath).Length;
        await StorageErrors.GuardAsync($"Committing the results under '{keys.ResultsPrefix}'", async () =>
        {
            // Opened per attempt: a stream half-read by a failed attempt could not be sent again.
            await using var data = OpenForUpload(dataPath);
            await using var metadata = OpenForUpload(metadataPath);
            using var summaryJson = new MemoryStream(summary.ToUtf8Json(), writable: false);
            await new ResultsCommitter(store).CommitAsync(keys, data, metadata, summaryJson, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        log.Stage(Invariant($"results committed: {summary.Phase} under '{keys.ResultsPrefix}' (data.json {dataBytes:N0} bytes, metadata.json {metadataBytes:N0} bytes, summary.json last) in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static FileStream OpenForUpload(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
