using System.Net;
using ImportOperator.Cli.Import;

namespace ImportOperator.Tests.ImportVerbs;

/// <summary>The upload streams the file with its Content-Length, retries a failed PUT, and re-reads the URL between attempts.</summary>
public sealed class FileUploaderTests
{
    sealed class ScriptedHandler(params HttpStatusCode[] answers) : HttpMessageHandler
    {
        public List<(string Url, long? ContentLength, byte[] Body)> Puts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(ct);
            Puts.Add((request.RequestUri!.ToString(), request.Content.Headers.ContentLength, body));
            var status = Puts.Count <= answers.Length ? answers[Puts.Count - 1] : HttpStatusCode.OK;
            return new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.OK ? "" : "<Error>SlowDown</Error>") };
        }
    }

    static readonly VerbConsole Quiet = new(TextWriter.Null, new StringWriter(), errorIsTerminal: false, colours: false, "import-operator import");

    static string DataFile(int bytes)
    {
        var path = Path.Combine(VerbRun.NewFolder(), "data.csv");
        File.WriteAllBytes(path, Enumerable.Range(0, bytes).Select(i => (byte)('a' + i % 26)).ToArray());
        return path;
    }

    [Fact]
    public async Task A_failed_put_is_retried_on_the_url_the_status_offers_now_with_the_whole_file()
    {
        var handler = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, HttpStatusCode.Forbidden);
        var path = DataFile(300_000);
        var refreshes = 0;
        var uploader = new FileUploader(new HttpClient(handler), Quiet, TimeSpan.FromMilliseconds(1));

        await uploader.UploadAsync(path, "http://s3.test/first", _ => Task.FromResult(UploadTarget.To($"http://s3.test/fresh-{++refreshes}")), CancellationToken.None);

        Assert.Equal(["http://s3.test/first", "http://s3.test/fresh-1", "http://s3.test/fresh-2"], handler.Puts.Select(p => p.Url));
        Assert.All(handler.Puts, p => Assert.Equal(300_000, p.ContentLength));
        Assert.Equal(await File.ReadAllBytesAsync(path), handler.Puts[^1].Body);
    }

    [Fact]
    public async Task A_retry_stops_when_the_operator_already_has_the_file()
    {
        var handler = new ScriptedHandler(HttpStatusCode.BadGateway);
        var uploader = new FileUploader(new HttpClient(handler), Quiet, TimeSpan.FromMilliseconds(1));

        await uploader.UploadAsync(DataFile(10), "http://s3.test/first", _ => Task.FromResult(UploadTarget.Done("PENDING")), CancellationToken.None);

        Assert.Single(handler.Puts);
    }

    [Fact]
    public async Task After_every_attempt_failed_the_error_names_the_file_and_the_last_answer()
    {
        var handler = new ScriptedHandler(Enumerable.Repeat(HttpStatusCode.InternalServerError, 10).ToArray());
        var path = DataFile(10);
        var uploader = new FileUploader(new HttpClient(handler), Quiet, TimeSpan.FromMilliseconds(1), attempts: 3);

        var error = await Assert.ThrowsAsync<UploadFailedException>(() =>
            uploader.UploadAsync(path, "http://s3.test/u", _ => Task.FromResult(UploadTarget.To("http://s3.test/u")), CancellationToken.None));

        Assert.Equal(3, handler.Puts.Count);
        Assert.Contains(path, error.Message);
        Assert.Contains("HTTP 500", error.Message);
    }
}
