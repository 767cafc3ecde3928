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

namespace ImportOperator.Worker;

/// <summary>
/// One import inside its processing Job: read the frozen request, download the input to scratch, run the engine
/// exactly as the process verb does, and commit data.json, metadata.json and the summary (last). Bad data, a
/// throwing hook or an unreadable file are outcomes that get committed; only what prevents a summary throws
/// (<see cref="WorkerFailure"/> for the foreseen cases).
/// </summary>
internal sealed class ImportWorker(IObjectStore store, string storageName, WorkerLog log, TimeSpan progressInterval)
{
    /// <summary>Runs the import and commits its summary; returns the committed summary.</summary>
    public async Task<ImportSummary> RunAsync(string requestKey, string? scratchDirectory, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var request = await ReadRequestAsync(requestKey, cancellationToken).ConfigureAwait(false);
        var import = request.Import;
        var keys = KeysOf(request, requestKey);
        log.Stage(Invariant($"request read: HeadlessImport {import.Metadata.NamespaceProperty}/{import.Metadata.Name} (uid {import.Metadata.Uid}, generation {import.Metadata.Generation}) from '{requestKey}' in {storageName}"));

        using var scratch = ScratchSpace.Create(scratchDirectory);
        var problems = new SchemaProblems();
        var resolved = ResolvedImport.Resolve(import, request.Schema, problems);
        var (summary, dataPath, metadataPath) = resolved is null
            ? Refuse(request, problems, scratch, started)
            : await ProcessAsync(resolved, keys, scratch, started, cancellationToken).ConfigureAwait(false);

        await CommitAsync(keys, dataPath, metadataPath, summary, cancellationToken).ConfigureAwait(false);
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
            keys = ImportObjectKeys.For(metadata.NamespaceProperty, metadata.Name, metadata.Uid, InputFileNameOf(request));
        }
        catch (ArgumentException e)
        {
            throw WorkerFailure.Permanent($"The import in request object '{requestKey}' has no valid object keys: {StorageErrors.OneLine(e.Message)}", e);
        }
        if (!string.Equals(keys.Request, requestKey, StringComparison.Ordinal))
            throw WorkerFailure.Permanent($"The request object '{requestKey}' describes HeadlessImport {metadata.NamespaceProperty}/{metadata.Name} (uid {metadata.Uid}), whose request key is '{keys.Request}': refusing to write results for one import from another's request.");
        return keys;
    }

    /// <summary>The operator stores inline rows as a JSON array under this name; an uploaded file keeps the user's name.</summary>
    public static string InputFileNameOf(WorkerRequest request) => request.Import.Spec.OriginalFilename ?? InitialDataFileName;

    public const string InitialDataFileName = "initialData.json";

    /// <summary>A spec that does not resolve is the import's verdict, not the Job's failure: FAILED, empty results.</summary>
    private (ImportSummary, string, string) Refuse(WorkerRequest request, SchemaProblems problems, ScratchSpace scratch, DateTime started)
    {
        var import = request.Import;
        var reason = import.Spec.SchemaRef is not null && request.Schema is null && problems.All.All(p => p.Path == "spec.schemaRef.name")
            ? WorkerReasons.SchemaNotFound
            : WorkerReasons.InvalidSpec;
        var message = string.Join("; ", problems.All);
        EmptyResults.Write(scratch.OutputDirectory, ResolvedImport.IdentifierOf(import, import.Spec.Settings),
            ResolvedImport.FileNameOf(import), import.Spec.User, import.Spec.Fields ?? request.Schema?.Spec.Fields ?? []);
        log.Stage($"processed: FAILED ({reason}), nothing read: {message}");
        return (ImportSummary.Invalid(reason, message, started, DateTime.UtcNow),
            Path.Combine(scratch.OutputDirectory, ResultFileNames.Data), Path.Combine(scratch.OutputDirectory, ResultFileNames.Metadata));
    }

    private async Task<(ImportSummary, string, string)> ProcessAsync(ResolvedImport resolved, ImportObjectKeys keys,
        ScratchSpace scratch, DateTime started, CancellationToken cancellationToken)
    {
        var input = await DownloadInputAsync(keys.Input, resolved.Settings.MaxFileSize, scratch.InputPath, cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var outcome = ImportProcessor.Run(new ImportRequest
        {
            Fields = resolved.Fields,
            Settings = resolved.Settings,
            Hooks = resolved.Hooks,
            ImportIdentifier = resolved.ImportIdentifier,
            FileName = resolved.FileName,
            User = resolved.Import.Spec.User,
            OpenInput = input.Open,
            InputLength = input.Length,
            OutputDirectory = scratch.OutputDirectory,
            Progress = new WorkerProgress(log, progressInterval),
            HookOptions = new HookSandboxOptions { Parallelism = Environment.ProcessorCount },
        }, cancellationToken);

        foreach (var line in outcome.HookLog) log.Stage($"hook: {line}");
        var summary = ImportSummary.FromOutcome(outcome, started, DateTime.UtcNow, input.Length);
        log.Stage(Invariant($"processed: {summary.Phase} ({summary.Reason}), {outcome.NumDataRows:N0} rows read, {outcome.NumValidRows:N0} valid, {outcome.NumInvalidRows:N0} invalid, {outcome.NumResultRows:N0} in data.json, in {clock.Elapsed.TotalSeconds:0.0} s: {StorageErrors.OneLine(outcome.Message)}"));
        return (summary, outcome.DataPath, outcome.MetadataPath);
    }

    /// <summary>The input as the engine opens it: a file it can read twice and seek in, and its length.</summary>
    private sealed record DownloadedInput(Func<Stream> Open, long Length);

    /// <summary>
    /// Streams the input object to a scratch file, never holding it in memory. An input larger than maxFileSize is
    /// not downloaded at all: the engine turns its length alone into a FileTooLarge outcome.
    /// </summary>
    private async Task<DownloadedInput> DownloadInputAsync(string key, long? maxFileSize, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var action = $"Downloading the input object '{key}'";
        Stream source;
        try
        {
            source = await StorageErrors.GuardAsync(action, () => store.GetAsync(key, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException e)
        {
            throw WorkerFailure.Permanent($"The input object '{key}' does not exist in {storageName}: the operator starts the Job only once the file (or initialData) is stored, so it was deleted since.", e);
        }

        await using (source.ConfigureAwait(false))
        {
            var expected = LengthOf(source);
            if (maxFileSize is { } max && expected > max)
            {
                log.Stage(Invariant($"input not downloaded: '{key}' is {expected:N0} bytes, over settings.maxFileSize ({max:N0})"));
                return new DownloadedInput(() => throw new InvalidOperationException($"The input '{key}' is over maxFileSize and was not downloaded."), expected.Value);
            }
            var copied = await CopyToFileAsync(source, path, action, cancellationToken).ConfigureAwait(false);
            if (expected is not null && copied != expected)
                throw WorkerFailure.Transient(Invariant($"{action} ended after {copied:N0} of {expected:N0} bytes, so a retry can succeed."));
            log.Stage(Invariant($"input downloaded: '{key}', {copied:N0} bytes in {clock.Elapsed.TotalSeconds:0.0} s"));
            var local = ImportInput.FromFile(path);
            return new DownloadedInput(local.Open, local.Length);
        }
    }

    /// <summary>The object's size as the storage announced it, when the stream knows it.</summary>
    private static long? LengthOf(Stream stream)
    {
        try { return stream.Length; }
        catch (NotSupportedException) { return null; }
    }

    /// <summary>
    /// Copies block by block so that a network error (transient: retry) is told apart from a scratch write error
    /// (a full or missing volume: not the storage's fault).
    /// </summary>
    private static async Task<long> CopyToFileAsync(Stream source, string path, string action, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        long copied = 0;
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        while (true)
        {
            var read = await StorageErrors.GuardAsync(action, () => source.ReadAsync(buffer, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            if (read == 0) return copied;
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied += read;
        }
    }

    private async Task CommitAsync(ImportObjectKeys keys, string dataPath, string metadataPath, ImportSummary summary, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
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
