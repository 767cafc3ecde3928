using System.Diagnostics;
using System.Text;
using ImportOperator.Tests.ProcessVerb;
using ImportOperator.Worker;

namespace ImportOperator.Tests.Worker;

/// <summary>
/// The worker as the Job's container runs it: the built executable, storage settings in IMPORT_OPERATOR_Storage__*
/// and credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (the AWS SDK's default chain), output piped.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class WorkerExecutableTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly WorkerHarness _harness = new(s3rver);

    public Task InitializeAsync() => _harness.InitializeAsync();
    public Task DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task The_job_command_line_commits_the_results_with_credentials_from_the_environment()
    {
        var request = _harness.RequestFrom(_harness.ManifestFile(Manifest.Import("- {key: name, label: Name}")));
        var keys = await _harness.StoreAsync(request, Encoding.UTF8.GetBytes("Name\nAda\nGrace\n"));

        var (exitCode, stdout, stderr) = await RunWorkerAsync(keys.Request);

        Assert.True(exitCode == WorkerExitCodes.Committed, $"exit {exitCode}: {stdout}\n{stderr}");
        Assert.Contains("results committed: SUCCESSFUL", stdout);
        Assert.Equal("", stderr);
        Assert.DoesNotContain(S3rverFixture.SecretKey, stdout);
        Assert.Equal(2, (await _harness.ReadSummaryAsync(keys)).ResultMetadata.NumResultRows);
    }

    [Fact]
    public async Task A_missing_request_exits_3_with_the_reason_last_on_stderr()
    {
        const string key = "tests/none/7d1e2f30-aaaa-4bbb-8ccc-123456789abc/request.json";

        var (exitCode, _, stderr) = await RunWorkerAsync(key);

        Assert.Equal(WorkerExitCodes.Permanent, exitCode);
        Assert.Contains(key, stderr.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task Help_documents_the_options_exit_codes_and_an_example()
    {
        var (exitCode, stdout, _) = await RunAsync(new Dictionary<string, string>(), "worker", "--help");

        Assert.Equal(0, exitCode);
        foreach (var text in new[] { "--request-key", "--scratch", "--config", "IMPORT_OPERATOR_Storage__Bucket", "75", "Example:" })
            Assert.Contains(text, stdout);
    }

    private Task<(int, string, string)> RunWorkerAsync(string requestKey)
    {
        var options = _harness.Options();
        return RunAsync(new Dictionary<string, string>
        {
            ["IMPORT_OPERATOR_Storage__Bucket"] = options.Bucket,
            ["IMPORT_OPERATOR_Storage__ServiceUrl"] = options.ServiceUrl!,
            ["IMPORT_OPERATOR_Storage__Region"] = "us-east-1",
            ["IMPORT_OPERATOR_Storage__ForcePathStyle"] = "true",
            ["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey,
        }, "worker", "--request-key", requestKey, "--scratch", _harness.ScratchDirectory);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "import-operator.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
