using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Web;
using Amazon.S3;
using ImportOperator.Storage;

namespace ImportOperator.Tests.Storage;

/// <summary>
/// s3rver does not verify SigV4 signatures, so the URL's scope (key, verb, expiry, signed headers) is checked by
/// reading it, and the HTTP round trips show the URL works with a plain client.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class PresignedUrlIssuerTests(S3rverFixture s3rver) : IAsyncLifetime
{
    private readonly string _bucket = S3rverFixture.NewBucketName();
    private readonly HttpClient _http = new();
    private IAmazonS3 _client = null!;
    private S3ObjectStore _store = null!;
    private PresignedUrlIssuer _issuer = null!;

    public async Task InitializeAsync()
    {
        _client = s3rver.CreateClient(_bucket);
        _store = new S3ObjectStore(_client, s3rver.Options(_bucket));
        _issuer = new PresignedUrlIssuer(_client, _bucket);
        await _store.EnsureBucketAsync();
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_upload_url_names_exactly_its_key_the_put_verb_and_the_expiry()
    {
        var keys = ImportObjectKeys.For("team-a", "orders", "uid-1", "Orders 2026.csv");
        var before = DateTimeOffset.UtcNow;

        var upload = await _issuer.ForUploadAsync(keys.Input, PresignedUrlIssuer.DefaultUploadExpiry);

        Assert.Equal($"/{_bucket}/team-a/orders/uid-1/input/Orders%202026.csv", upload.Url.AbsolutePath);
        Assert.StartsWith(s3rver.ServiceUrl + "/", upload.Url.AbsoluteUri);
        var query = HttpUtility.ParseQueryString(upload.Url.Query);
        Assert.Equal("AWS4-HMAC-SHA256", query["X-Amz-Algorithm"]);
        Assert.Equal("1800", query["X-Amz-Expires"]);
        Assert.Equal("host", query["X-Amz-SignedHeaders"]);
        Assert.StartsWith("S3RVER/", query["X-Amz-Credential"]);
        Assert.EndsWith("/us-east-1/s3/aws4_request", query["X-Amz-Credential"]);
        Assert.Matches("^[0-9a-f]{64}$", query["X-Amz-Signature"]);
        Assert.InRange(upload.ExpiresAt, before.AddSeconds(1799), DateTimeOffset.UtcNow.AddSeconds(1801));
        // No other key, and no listing or bucket-wide access, is reachable from the URL's shape.
        Assert.Null(query["prefix"]);
        Assert.Null(query["list-type"]);
    }

    [Fact]
    public async Task A_plain_http_put_to_the_upload_url_stores_the_file()
    {
        var key = ImportObjectKeys.For("ns", "imp", "uid", "people.csv").Input;
        var upload = await _issuer.ForUploadAsync(key, TimeSpan.FromSeconds(600));
        var body = Encoding.UTF8.GetBytes("name,email\nAda,ada@example.org\n");

        using var response = await _http.PutAsync(upload.Url, new ByteArrayContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Length, await _store.GetSizeAsync(key));
    }

    [Fact]
    public async Task An_upload_url_with_a_content_type_signs_that_header()
    {
        var key = ImportObjectKeys.For("ns", "imp", "uid", "people.csv").Input;
        var upload = await _issuer.ForUploadAsync(key, TimeSpan.FromSeconds(900), "text/csv");
        var query = HttpUtility.ParseQueryString(upload.Url.Query);
        Assert.Equal("900", query["X-Amz-Expires"]);
        Assert.Contains("content-type", query["X-Amz-SignedHeaders"]!.Split(';'));

        var content = new ByteArrayContent("a\n1\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await _http.PutAsync(upload.Url, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var head = await _client.GetObjectMetadataAsync(_bucket, key);
        Assert.Equal("text/csv", head.Headers.ContentType);
    }

    [Fact]
    public async Task A_download_url_gets_the_result_file_with_a_plain_http_client()
    {
        var keys = ImportObjectKeys.For("ns", "imp", "uid", "people.csv");
        await _store.PutAsync(keys.Data, new MemoryStream("[{\"name\":\"Ada\"}]"u8.ToArray()), "application/json");

        var download = await _issuer.ForDownloadAsync(keys.Data, PresignedUrlIssuer.DefaultDownloadExpiry);
        var text = await _http.GetStringAsync(download.Url);

        Assert.Equal("[{\"name\":\"Ada\"}]", text);
        var query = HttpUtility.ParseQueryString(download.Url.Query);
        Assert.Equal("1800", query["X-Amz-Expires"]);
        Assert.EndsWith("/results/data.json", download.Url.AbsolutePath);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(604801)]
    public async Task Lifetimes_outside_what_sigv4_allows_are_refused(int seconds)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _issuer.ForUploadAsync("ns/imp/uid/input/f.csv", TimeSpan.FromSeconds(seconds)));
    }
}
