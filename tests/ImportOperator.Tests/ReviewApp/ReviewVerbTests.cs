using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ImportOperator.Engine.Schema;
using ImportOperator.Tests.Operator.Support;
using ImportOperator.Tests.ReviewApp.Support;

namespace ImportOperator.Tests.ReviewApp;

/// <summary>The <c>review</c> verb as it is deployed: <c>import-operator review ...</c> in its own process.</summary>
[Collection(OperatorCollection.Name)]
public sealed partial class ReviewVerbTests(ReviewSystem system) : IClassFixture<ReviewSystem>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("review-verb-").FullName;

    [Fact]
    public async Task The_verb_serves_a_review_link_from_its_own_process_and_never_logs_the_token()
    {
        var env = system.Env;
        var ns = await env.NewNamespaceAsync("verb");
        var import = await system.NeedsReviewAsync(
            Samples.People(ns, "served", new ImportSettings { InvalidDataBehavior = InvalidDataBehaviors.BlockSubmit }),
            Samples.PeopleCsv(("Ada", "ada-at-example")));
        var keyFile = Path.Combine(_folder, "review-key");
        var idFile = Path.Combine(_folder, "id");
        var secretFile = Path.Combine(_folder, "secret");
        await File.WriteAllBytesAsync(keyFile, env.ReviewKey);
        await File.WriteAllTextAsync(idFile, S3rverFixture.AccessKey);
        await File.WriteAllTextAsync(secretFile, S3rverFixture.SecretKey);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            OperatorProcess.ExecutablePath, "review", "--listen", "0", "--bind-address", "127.0.0.1",
            "--kubeconfig", env.Api.KubeconfigPath, "--review-signing-key-file", keyFile, "--scratch-directory", Path.Combine(_folder, "scratch"),
            "--storage-bucket", env.Bucket, "--storage-endpoint", env.S3.Config.ServiceURL, "--storage-region", "us-east-1",
            "--storage-force-path-style", "true", "--storage-access-key-id-file", idFile, "--storage-secret-access-key-file", secretFile,
        }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null) return;
            lock (log) log.AppendLine(line);
            if (Listening().Match(line) is { Success: true } match) listening.TrySetResult(match.Groups[1].Value);
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var reviewUrl = import.Status!.ReviewUrl!;
            using var http = new HttpClient();
            var page = await http.GetAsync(address + reviewUrl[env.ReviewBaseUrl.Length..]);
            var tampered = await http.GetAsync(address + reviewUrl[env.ReviewBaseUrl.Length..^3] + "xyz");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("ValidationErrors", await page.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
            Assert.Equal("ok", await http.GetStringAsync(address + "/healthz"));
            string text;
            lock (log) text = log.ToString();
            Assert.DoesNotContain(reviewUrl[(reviewUrl.LastIndexOf('/') + 1)..], text);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [GeneratedRegex(@"Review app listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
