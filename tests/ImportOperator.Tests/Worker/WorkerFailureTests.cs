using System.Text;
using ImportOperator.Storage;
using ImportOperator.Tests.ProcessVerb;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>
/// What the worker does when it cannot commit a summary: the exit code the podFailurePolicy acts on, and one
/// sentence naming the key or setting at fault, last on standard error and in the termination log.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class WorkerFailureTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly WorkerHarness _harness = new(s3rver);

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    private const string Fields = "- {key: name, label: Name}";

    private WorkerRequest People() => _harness.RequestFrom(_harness.ManifestFile(Manifest.Import(Fields)));

    private static void AssertReason(WorkerResult result, int exitCode, string mentions)
    {
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(mentions, result.LastErrorLine);
        Assert.Equal(result.LastErrorLine, result.TerminationMessage);
    }

    [Fact]
    public async Task A_missing_request_is_permanent_and_names_the_key()
    {
        const string key = "tests/gone/0c6f1d3e-1111-4222-8333-944455556666/request.json";

        var result = await _harness.RunAsync(key);

        AssertReason(result, WorkerExitCodes.Permanent, $"'{key}'");
        Assert.Contains("does not exist", result.LastErrorLine);
        Assert.Contains(_harness.Bucket, result.LastErrorLine);
    }

    [Fact]
    public async Task A_missing_input_is_permanent_and_names_the_key_and_commits_nothing()
    {
        var request = People();
        var keys = await _harness.StoreAsync(request, fileContent: null);

        var result = await _harness.RunAsync(keys.Request);

        AssertReason(result, WorkerExitCodes.Permanent, $"'{keys.Input}'");
        Assert.Null(await _harness.Store.GetSizeAsync(keys.Summary));
        Assert.Contains("request read:", result.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_harness.ScratchDirectory));
    }

    [Fact]
    public async Task A_bucket_that_does_not_exist_is_permanent_and_names_the_setting()
    {
        var options = _harness.Options();
        options.Bucket = S3rverFixture.NewBucketName();

        var result = await _harness.RunAsync("tests/x/y/request.json", _harness.WriteConfig("no-bucket.json", options));

        AssertReason(result, WorkerExitCodes.Permanent, $"there is no bucket '{options.Bucket}'");
        Assert.Contains("Storage:Bucket", result.LastErrorLine);
    }

    [Fact]
    public async Task A_request_that_is_not_a_WorkerRequest_is_permanent()
    {
        var keys = WorkerHarness.KeysOf(People());
        await _harness.Store.PutAsync(keys.Request, new MemoryStream(Encoding.UTF8.GetBytes("""{"import": {"spec": {"originalFilename": 7}}}""")));

        var result = await _harness.RunAsync(keys.Request);

        AssertReason(result, WorkerExitCodes.Permanent, "is not a valid WorkerRequest");
        Assert.Contains(keys.Request, result.LastErrorLine);
    }

    [Fact]
    public async Task A_request_stored_under_another_imports_key_is_refused()
    {
        var request = People();
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes("Name\nAda\n"));
        var elsewhere = ImportObjectKeys.For("other", "import", "0c6f1d3e-1111-4222-8333-944455556666", "data.csv").Request;
        await using (var copy = await _harness.Store.GetAsync(keys.Request))
            await _harness.Store.PutAsync(elsewhere, copy);

        var result = await _harness.RunAsync(elsewhere);

        AssertReason(result, WorkerExitCodes.Permanent, keys.Request);
        Assert.Null(await _harness.Store.GetSizeAsync(keys.Summary));
    }

    [Fact]
    public async Task Invalid_storage_settings_are_permanent_and_name_the_setting()
    {
        var options = _harness.Options();
        options.Bucket = "Not_A_Bucket";
        var config = _harness.WriteConfig("bad-bucket.json", options);

        var result = await _harness.RunAsync("tests/x/y/request.json", config);

        AssertReason(result, WorkerExitCodes.Permanent, "Storage:Bucket 'Not_A_Bucket'");
    }

    [Fact]
    public async Task A_missing_config_file_is_permanent_and_named()
    {
        var missing = Path.Combine(_harness.Folder, "no-such-config.json");

        var result = await _harness.RunAsync("tests/x/y/request.json", missing);

        AssertReason(result, WorkerExitCodes.Permanent, "no-such-config.json");
    }

    [Fact]
    public async Task Wrong_credentials_are_permanent_and_never_printed()
    {
        var options = _harness.Options();
        var wrongKey = Path.Combine(_harness.Folder, "wrong-key");
        var wrongSecret = Path.Combine(_harness.Folder, "wrong-secret");
        File.WriteAllText(wrongKey, "NOBODY");
        File.WriteAllText(wrongSecret, "definitely-not-the-secret");
        options.AccessKeyIdFile = wrongKey;
        options.SecretAccessKeyFile = wrongSecret;
        var request = People();
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes("Name\nAda\n"));

        var result = await _harness.RunAsync(keys.Request, _harness.WriteConfig("wrong-secret.json", options));

        AssertReason(result, WorkerExitCodes.Permanent, "refused by the storage service");
        Assert.Contains(keys.Request, result.LastErrorLine);
        Assert.DoesNotContain("definitely-not-the-secret", result.Output + result.Error);
    }

    [Fact]
    public async Task Unreachable_storage_is_transient()
    {
        var options = _harness.Options();
        options.ServiceUrl = "http://127.0.0.1:" + ClosedPort();

        var result = await _harness.RunAsync("tests/x/y/request.json", _harness.WriteConfig("unreachable.json", options));

        AssertReason(result, WorkerExitCodes.Transient, "temporary storage error");
        Assert.Contains("'tests/x/y/request.json'", result.LastErrorLine);
    }

    [Fact]
    public async Task A_second_run_replaces_earlier_results_as_a_whole()
    {
        var request = People();
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes("Name\nAda\nGrace\n"));
        // What a crashed earlier attempt might have left: results from other data, and a summary.
        foreach (var key in new[] { keys.Data, keys.Metadata, keys.Summary })
            await _harness.Store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("""{"stale": true}""")));

        var first = await _harness.RunAsync(keys.Request);
        var firstData = await _harness.ReadTextAsync(keys.Data);
        var second = await _harness.RunAsync(keys.Request);

        Assert.Equal(WorkerExitCodes.Committed, first.ExitCode);
        Assert.Equal(WorkerExitCodes.Committed, second.ExitCode);
        Assert.Equal(firstData, await _harness.ReadTextAsync(keys.Data));
        var data = await _harness.ReadDataAsync(keys);
        Assert.Equal(["Ada", "Grace"], data.Select(row => (string)row!["name"]!));
        var summary = await _harness.ReadSummaryAsync(keys);
        Assert.Equal(data.Count, summary.ResultMetadata.NumResultRows);
        Assert.DoesNotContain("stale", await _harness.ReadTextAsync(keys.Metadata));
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
