using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Cli.Import;

/// <summary>
/// Downloads data.json and metadata.json through the presigned GET URLs in status.result (the user needs no
/// storage credentials), streaming each to a temporary file that is renamed only once complete, so a cut
/// download never leaves a truncated data.json behind.
/// </summary>
public sealed class ResultsDownloader(HttpClient http, VerbConsole console)
{
    public const string DataFile = "data.json";
    public const string MetadataFile = "metadata.json";

    /// <summary>True when the status offers both download URLs.</summary>
    public static bool HasResults(HeadlessImport import) =>
        import.Status?.Result is { DataUrl: not null, MetadataUrl: not null };

    /// <summary>Writes both files into <paramref name="folder"/> (created if needed) and returns their paths.</summary>
    public async Task<(string Data, string Metadata)> DownloadAsync(HeadlessImport import, string folder, CancellationToken ct)
    {
        var result = import.Status!.Result!;
        Directory.CreateDirectory(folder);
        var data = Path.GetFullPath(Path.Combine(folder, DataFile));
        var metadata = Path.GetFullPath(Path.Combine(folder, MetadataFile));
        await DownloadOneAsync(result.DataUrl!, data, ct);
        await DownloadOneAsync(result.MetadataUrl!, metadata, ct);
        return (data, metadata);
    }

    private async Task DownloadOneAsync(string url, string path, CancellationToken ct)
    {
        var partial = path + ".partial";
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode)
                    throw new HttpRequestException($"GET {Path.GetFileName(path)} answered HTTP {(int)response.StatusCode} {response.StatusCode}", null, response.StatusCode);
                var length = response.Content.Headers.ContentLength ?? 0;
                using (var bar = TransferProgressBar.StartIfInteractive(console, $"downloading {Path.GetFileName(path)}", length))
                await using (var source = await response.Content.ReadAsStreamAsync(ct))
                await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
                {
                    var buffer = new byte[81920];
                    long done = 0;
                    int n;
                    while ((n = await source.ReadAsync(buffer, ct)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, n), ct);
                        done += n;
                        bar?.Report(done);
                    }
                }
                File.Move(partial, path, overwrite: true);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && attempt < attempts && !ct.IsCancellationRequested)
            {
                console.Error.WriteLine($"download of {Path.GetFileName(path)} failed ({e.Message}); retrying.");
                await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
        }
    }
}
