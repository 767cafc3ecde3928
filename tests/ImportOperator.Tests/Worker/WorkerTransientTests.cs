using System.Net;
using System.Text;
using ImportOperator.Tests.ProcessVerb;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>
/// Storage trouble the Job should retry (exit 75), and what a retry finds: never a summary beside results of
/// another attempt.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class WorkerTransientTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly WorkerHarness _harness = new(s3rver);

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private async Task<ImportOperator.Storage.ImportObjectKeys> StorePeopleAsync(string csv = "Name\nAda\nGrace\n")
    {
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import("- {key: name, label: Name}")));
        return await _harness.StoreAsync(request, Encoding.UTF8.GetBytes(csv));
    }

    [Theory]
    [InlineData("SlowDown", HttpStatusCode.ServiceUnavailable)]
    [InlineData("InternalError", HttpStatusCode.InternalServerError)]
    public async Task A_storage_error_reading_the_request_is_transient(string code, HttpStatusCode status)
    {
        var keys = await StorePeopleAsync();
        var store = new FaultyStore(_harness.Store) { FailGet = key => key == keys.Request ? FaultyStore.ServerError(code, status) : null };

        var result = await _harness.RunAsync(keys.Request, store: store);

        Assert.Equal(WorkerExitCodes.Transient, result.ExitCode);
        Assert.Contains(keys.Request, result.LastErrorLine);
        Assert.Contains(code, result.LastErrorLine);
        Assert.Equal(result.LastErrorLine, result.TerminationMessage);
    }

    [Fact]
    public async Task An_input_download_cut_short_is_transient()
    {
        var keys = await StorePeopleAsync();
        var store = new FaultyStore(_harness.Store) { CutBodyAfter = key => key == keys.Input ? 5 : null };

        var result = await _harness.RunAsync(keys.Request, store: store);

        Assert.Equal(WorkerExitCodes.Transient, result.ExitCode);
        Assert.Contains(keys.Input, result.LastErrorLine);
        Assert.Contains("ended after 5 of 15 bytes", result.LastErrorLine);
        Assert.Null(await _harness.Store.GetSizeAsync(keys.Summary));
    }

    [Fact]
    public async Task A_commit_that_fails_before_the_summary_leaves_no_summary_and_a_retry_completes_it()
    {
        var keys = await StorePeopleAsync();
        // A summary of an earlier attempt is there; this attempt fails after writing data.json and metadata.json.
        await _harness.Store.PutAsync(keys.Summary, new MemoryStream(Encoding.UTF8.GetBytes("""{"phase": "stale"}""")));
        var store = new FaultyStore(_harness.Store) { FailPut = key => key == keys.Summary ? FaultyStore.ServerError("SlowDown", HttpStatusCode.ServiceUnavailable) : null };

        var failed = await _harness.RunAsync(keys.Request, store: store);

        Assert.Equal(WorkerExitCodes.Transient, failed.ExitCode);
        Assert.Contains(keys.ResultsPrefix, failed.LastErrorLine);
        Assert.Null(await _harness.Store.GetSizeAsync(keys.Summary));

        var retried = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, retried.ExitCode);
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal("SUCCESSFUL", summary.Phase);
        Assert.Equal(2, (await _harness.ReadDataAsync(keys)).Count);
    }

    [Fact]
    public async Task A_refused_write_is_permanent_and_says_to_check_the_credentials()
    {
        var keys = await StorePeopleAsync();
        var store = new FaultyStore(_harness.Store) { FailPut = _ => FaultyStore.ServerError("AccessDenied", HttpStatusCode.Forbidden) };

        var result = await _harness.RunAsync(keys.Request, store: store);

        Assert.Equal(WorkerExitCodes.Permanent, result.ExitCode);
        Assert.Contains("credentials", result.LastErrorLine);
        Assert.Contains("403 AccessDenied", result.LastErrorLine);
    }
}
