using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Review;
using ImportOperator.ReviewApp;
using ImportOperator.Storage;
using ImportOperator.Tests.Operator.Support;
using ImportOperator.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Tests.ReviewApp.Support;

/// <summary>
/// The whole system plus the review app: <see cref="OperatorEnvironment"/> (API server, s3rver, the real operator
/// and worker) and the review web app in this process on a free loopback port, with the operator's storage and
/// review key. Review links in status point at review.example.test; <see cref="LocalUrl"/> points them here.
/// </summary>
public sealed class ReviewSystem : IAsyncLifetime
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("review-scratch-").FullName;

    public OperatorEnvironment Env { get; } = new();

    /// <summary>The review app's local working folder (one sub-folder per import uid).</summary>
    public string ScratchDirectory => _scratch;
    public WebApplication App { get; private set; } = null!;
    public CapturedLog Log { get; } = new();
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Env.InitializeAsync();
        var settings = new ReviewAppSettings { Listen = 0, BindAddress = "127.0.0.1", ScratchDirectory = _scratch, PageSize = 25 };
        App = ReviewServer.Build(new ReviewAppDependencies(settings, ReviewSigningKey.FromBytes(Env.ReviewKey), Env.Client, Env.Store),
            logging => logging.AddProvider(Log));
        await App.StartAsync();
        BaseUrl = ReviewServer.BoundAddresses(App).First().TrimEnd('/');
    }

    /// <summary>The link from status.reviewUrl, served by this process's review app.</summary>
    public string LocalUrl(string reviewUrl)
    {
        Assert.StartsWith(Env.ReviewBaseUrl + "/", reviewUrl);
        return BaseUrl + reviewUrl[Env.ReviewBaseUrl.Length..];
    }

    /// <summary>Links signed with the operator's key (a <paramref name="time"/> in the past makes expired ones).</summary>
    public ReviewLinks Links(TimeProvider? time = null) => new(ReviewSigningKey.FromBytes(Env.ReviewKey), new Uri(BaseUrl), time);

    /// <summary>Creates the import, uploads <paramref name="file"/> and waits for NEEDS_REVIEW with a review link.</summary>
    public async Task<HeadlessImport> NeedsReviewAsync(HeadlessImport import, byte[] file)
    {
        await Env.CreateAsync(import);
        var ns = import.Metadata.NamespaceProperty;
        var name = import.Metadata.Name;
        var waiting = await Env.WaitForPhaseAsync(ns, name, ImportPhases.AwaitingUpload);
        await OperatorEnvironment.UploadAsync(waiting.Status!.Upload!, file);
        return await Env.WaitAsync(ns, name, i => i.Status?.Phase == ImportPhases.NeedsReview && i.Status.ReviewUrl is not null, "NEEDS_REVIEW with a review link");
    }

    public static ImportObjectKeys KeysOf(HeadlessImport import) =>
        ImportObjectKeys.For(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid, WorkerRequest.InputFileNameOf(import));

    public async Task<ImportSummary?> CommittedSummaryAsync(HeadlessImport import)
    {
        await using var stream = await new ResultsCommitter(Env.Store).TryOpenSummaryAsync(KeysOf(import));
        return stream is null ? null : await ImportSummary.ReadAsync(stream);
    }

    public async Task<JsonElement> StoredJsonAsync(string key)
    {
        await using var stream = await Env.Store.GetAsync(key);
        using var document = await JsonDocument.ParseAsync(stream);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Waits until the review app handed the import back (the annotation) and the operator acted on it: the
    /// import is SUCCESSFUL with its results in status, as the person who pressed Finish expects.
    /// </summary>
    public Task<HeadlessImport> WaitForHandBackAsync(HeadlessImport import) =>
        Env.WaitAsync(import.Metadata.NamespaceProperty, import.Metadata.Name,
            i => i.Metadata.Annotations?.ContainsKey(ReviewAnnotations.Completed) == true && i.Status?.Phase == ImportPhases.Successful
                 && i.Status.Result?.DataUrl is not null && i.Status.ReviewUrl is null,
            "handed back by the review and SUCCESSFUL");

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Env.DisposeAsync();
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A clock fixed at one instant (for links that were issued long ago).</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
