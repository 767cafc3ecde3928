namespace ImportOperator.Cli.Import;

/// <summary>Where a file should go now: the current presigned URL, or nowhere because the operator already has it.</summary>
public sealed record UploadTarget(string? Url, string? AlreadyPastUploadPhase)
{
    public static UploadTarget To(string url) => new(url, null);
    public static UploadTarget Done(string phase) => new(null, phase);
}

/// <summary>The upload gave up: every attempt failed. The message names the file and the last error.</summary>
public sealed class UploadFailedException(string message) : Exception(message);

/// <summary>
/// PUTs a file to a presigned URL, streaming it from disk (a 1 GB file never sits in memory) with an explicit
/// Content-Length, as S3 requires for a presigned PUT. A failed attempt is retried with backoff; before each retry
/// the import's status is read again, because the URL may have expired and been replaced, or the file may have
/// arrived after all (the response was lost, not the upload).
/// </summary>
public sealed class FileUploader(HttpClient http, VerbConsole console, TimeSpan firstBackoff, int attempts = 4)
{
    public async Task UploadAsync(string path, string firstUrl, Func<CancellationToken, Task<UploadTarget>> refresh, CancellationToken ct)
    {
        var url = firstUrl;
        var length = new FileInfo(path).Length;
        var label = Path.GetFileName(path);
        string lastError = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                var delay = firstBackoff * Math.Pow(2, attempt - 2);
                console.Error.WriteLine($"upload of {label} failed ({lastError}); retrying in {delay.TotalSeconds:0.#} s (attempt {attempt} of {attempts}).");
                await Task.Delay(delay, ct);
                var target = await refresh(ct);
                if (target.AlreadyPastUploadPhase is { } phase)
                {
                    console.Error.WriteLine($"the operator already has the file (phase {phase}).");
                    return;
                }
                url = target.Url!;
            }
            try
            {
                await PutOnceAsync(path, length, label, url, ct);
                return;
            }
            catch (HttpRequestException e) when (!ct.IsCancellationRequested)
            {
                lastError = e.Message;
            }
            catch (IOException e) when (!ct.IsCancellationRequested)
            {
                lastError = e.Message;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                lastError = "the request timed out";
            }
        }
        throw new UploadFailedException($"upload of {path} failed {attempts} times; last error: {lastError}.");
    }

    private async Task PutOnceAsync(string path, long length, string label, string url, CancellationToken ct)
    {
        using var bar = TransferProgressBar.StartIfInteractive(console, $"uploading {label}", length);
        // FileOptions.SequentialScan: read once front to back; the 80 KiB buffer keeps memory flat for any size.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var content = new StreamContent(new ProgressReadStream(file, bar), 81920);
        content.Headers.ContentLength = length;
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.StatusCode}: {Shorten(body)}", null, response.StatusCode);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    /// <summary>An HttpClient for large transfers: no overall timeout (a big file takes what it takes; Ctrl-C stops it).</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
