using ImportOperator.Api.V1Alpha1;
using k8s.Autorest;

namespace ImportOperator.Cli.Import;

/// <summary>What <c>submit</c> and <c>retry</c> were asked to do once the HeadlessImport is built.</summary>
public sealed record RunRequest(HeadlessImport Import, string? File, bool Wait, string? OutFolder);

/// <summary>
/// One import from creation to its end: create it, wait for status.upload, PUT the file, and with --wait follow
/// the phase and download the results. Remembers how far it got, so that Ctrl-C (or a failure) can tell the user
/// exactly what state the import is in and which commands resume or delete it.
/// </summary>
public sealed class ImportRun(ImportCluster cluster, VerbConsole console, HttpClient http, ImportRunTimings timings)
{
    private string? _name;
    private bool _uploaded;

    public async Task<int> RunAsync(RunRequest request, CancellationToken ct)
    {
        try
        {
            return await RunCoreAsync(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await InterruptNote.WriteAsync(console, cluster, _name, _uploaded, request.File);
            return ImportExitCodes.Interrupted;
        }
        catch (UploadFailedException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            await InterruptNote.WriteAsync(console, cluster, _name, uploaded: false, request.File, headline: "The upload did not complete.");
            return ImportExitCodes.Failed;
        }
        catch (ImportGoneException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ImportExitCodes.Failed;
        }
    }

    private async Task<int> RunCoreAsync(RunRequest request, CancellationToken ct)
    {
        HeadlessImport created;
        try
        {
            // Not cancellable: with generateName, a create cut off mid-flight could leave an import nobody can name.
            using var createTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            created = await cluster.CreateAsync(request.Import, createTimeout.Token);
        }
        catch (HttpOperationException e) when (ApiErrors.IsRefusal(e))
        {
            console.Error.WriteLine($"error: the API server refused the HeadlessImport: {ApiErrors.Describe(e)}");
            return ImportExitCodes.BadArguments;
        }
        _name = created.Metadata.Name;
        console.Out.WriteLine($"headlessimport/{_name} created in namespace {cluster.Namespace}");
        ct.ThrowIfCancellationRequested();

        string? shownPhase = null;
        if (request.File is { } file)
        {
            var awaiting = await WaitForUploadUrlAsync(_name, ct);
            if (PhaseFollower.HasStopped(awaiting.Status?.Phase))
                return Finish(awaiting);
            if (awaiting.Status?.Phase == ImportPhases.AwaitingUpload)
            {
                var uploader = new FileUploader(http, console, timings.UploadBackoff);
                await uploader.UploadAsync(file, awaiting.Status.Upload!, RefreshUploadTargetAsync, ct);
                console.Out.WriteLine($"uploaded {Path.GetFileName(file)} ({TransferProgressBar.Bytes(new FileInfo(file).Length)})");
                shownPhase = ImportPhases.AwaitingUpload;
            }
            // Past AWAITING_UPLOAD already means the operator has a file for it: nothing to send.
            _uploaded = true;
        }

        if (!request.Wait)
        {
            console.Out.WriteLine(console.Dim($"follow it with: {console.CommandPrefix} get {_name} -n {cluster.Namespace}"));
            return ImportExitCodes.Successful;
        }
        var follower = new PhaseFollower(cluster, console, timings.PollInterval);
        var done = await follower.FollowAsync(_name, shownPhase, ct);
        if (done.Status?.Phase == ImportPhases.Successful)
        {
            var folder = request.OutFolder ?? Path.Combine(Directory.GetCurrentDirectory(), _name);
            ImportDescription.WriteOutcome(console, done);
            if (!ResultsDownloader.HasResults(done))
            {
                console.Error.WriteLine($"error: HeadlessImport '{_name}' succeeded but its status offers no result URLs to download.");
                return ImportExitCodes.Failed;
            }
            var (data, metadata) = await new ResultsDownloader(http, console).DownloadAsync(done, folder, ct);
            console.Out.WriteLine($"results: {data}, {metadata}");
            return ImportExitCodes.Successful;
        }
        return Finish(done);
    }

    /// <summary>An import that stopped without (further) results: NEEDS_REVIEW with its link, or FAILED with its reason.</summary>
    private int Finish(HeadlessImport import)
    {
        ImportDescription.WriteOutcome(console, import);
        var s = import.Status;
        if (s?.Phase == ImportPhases.NeedsReview)
        {
            console.Out.WriteLine(s.ReviewUrl is { } url
                ? $"review: {url}"
                : "review: (no review link: the operator runs without --review-base-url)");
            console.Out.WriteLine(console.Dim($"once reviewed: {console.CommandPrefix} results {import.Metadata.Name} -n {cluster.Namespace} --out DIR"));
        }
        else if (s?.Phase == ImportPhases.Failed)
        {
            console.Out.WriteLine(console.Dim($"details: {console.CommandPrefix} get {import.Metadata.Name} -n {cluster.Namespace}; worker log: {console.CommandPrefix} logs {import.Metadata.Name} -n {cluster.Namespace}"));
        }
        return ImportExitCodes.OfPhase(s?.Phase);
    }

    /// <summary>Waits until the operator offers status.upload, or the import stops before any upload (e.g. an invalid schema).</summary>
    private async Task<HeadlessImport> WaitForUploadUrlAsync(string name, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        string? lastNote = null;
        var slowNoted = false;
        while (true)
        {
            var import = await cluster.FindAsync(name, ct) ?? throw new ImportGoneException($"HeadlessImport '{name}' was deleted before its file was uploaded.");
            var s = import.Status;
            if (s?.Phase == ImportPhases.AwaitingUpload && s.Upload is not null) return import;
            if (s?.Phase is not null && s.Phase != ImportPhases.AwaitingUpload) return import;
            if (s?.Conditions?.FirstOrDefault(c => c.Status == "False") is { } blocked && blocked.Message != lastNote)
            {
                lastNote = blocked.Message;
                console.Error.WriteLine($"waiting: {blocked.Reason}: {blocked.Message}");
            }
            if (!slowNoted && DateTime.UtcNow - started > timings.SlowOperatorNotice)
            {
                slowNoted = true;
                console.Error.WriteLine($"still no upload URL after {timings.SlowOperatorNotice.TotalSeconds:0} s: is the operator running for namespace {cluster.Namespace}? (Ctrl-C to stop waiting)");
            }
            await Task.Delay(timings.PollInterval, ct);
        }
    }

    private async Task<UploadTarget> RefreshUploadTargetAsync(CancellationToken ct)
    {
        var import = await cluster.FindAsync(_name!, ct) ?? throw new ImportGoneException($"HeadlessImport '{_name}' was deleted during the upload.");
        if (import.Status?.Phase is { } phase && phase != ImportPhases.AwaitingUpload) return UploadTarget.Done(phase);
        if (import.Status?.Upload is { } url) return UploadTarget.To(url);
        throw new UploadFailedException($"HeadlessImport '{_name}' no longer offers an upload URL.");
    }
}

/// <summary>How often the verbs poll and how long they back off; tests shorten them.</summary>
public sealed record ImportRunTimings(TimeSpan PollInterval, TimeSpan UploadBackoff, TimeSpan SlowOperatorNotice)
{
    public static ImportRunTimings Default { get; } = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
}
