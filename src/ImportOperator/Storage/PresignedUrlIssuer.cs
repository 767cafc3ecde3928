using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ImportOperator.Storage;

/// <summary>A URL that allows exactly one verb on exactly one key until <see cref="ExpiresAt"/>.</summary>
public sealed record PresignedUrl(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues SigV4 (AWS4-HMAC-SHA256) presigned URLs: PUT for a user's upload, GET for downloading results. The
/// signature covers the verb, the key and (when given) the content type, so the URL cannot be reused for anything else.
/// </summary>
public sealed class PresignedUrlIssuer(IAmazonS3 client, string bucket)
{
    /// <summary>Default lifetime of an upload URL (the HeadlessImport's <c>uploadUrlExpirySeconds</c> default).</summary>
    public static readonly TimeSpan DefaultUploadExpiry = TimeSpan.FromSeconds(1800);

    /// <summary>Default lifetime of a results download URL (Dromo gives 30 minutes).</summary>
    public static readonly TimeSpan DefaultDownloadExpiry = TimeSpan.FromMinutes(30);

    /// <summary>SigV4's upper bound on a presigned URL's lifetime.</summary>
    public static readonly TimeSpan MaximumExpiry = TimeSpan.FromDays(7);

    private readonly Protocol _protocol =
        client.Config.ServiceURL is { } serviceUrl && serviceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? Protocol.HTTP : Protocol.HTTPS;

    /// <summary>A URL to PUT the file to <paramref name="key"/>; with a content type, the upload must send that same Content-Type.</summary>
    public Task<PresignedUrl> ForUploadAsync(string key, TimeSpan expiry, string? contentType = null) =>
        IssueAsync(key, HttpVerb.PUT, expiry, contentType);

    /// <summary>A URL to GET <paramref name="key"/>, e.g. a result file.</summary>
    public Task<PresignedUrl> ForDownloadAsync(string key, TimeSpan expiry) => IssueAsync(key, HttpVerb.GET, expiry, null);

    private async Task<PresignedUrl> IssueAsync(string key, HttpVerb verb, TimeSpan expiry, string? contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (expiry < TimeSpan.FromSeconds(1) || expiry > MaximumExpiry)
            throw new ArgumentOutOfRangeException(nameof(expiry), expiry, $"A presigned URL must live between 1 second and {MaximumExpiry.TotalSeconds:0} seconds.");

        // Whole seconds: X-Amz-Expires is an integer.
        var seconds = (long)Math.Floor(expiry.TotalSeconds);
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow.AddSeconds(seconds),
            // The SDK defaults to https; an http:// endpoint (in-cluster MinIO, s3rver) must get http:// URLs.
            Protocol = _protocol,
        };
        if (contentType is not null) request.ContentType = contentType;

        var url = new Uri(await client.GetPreSignedURLAsync(request).ConfigureAwait(false));
        // The SDK counts the lifetime from its clock corrected for the skew it saw in the server's Date headers
        // (second resolution), which can make it one second off. The skew is stable, so correct and sign again.
        var issued = SignedQuery.Of(url);
        if (issued.ExpiresSeconds != seconds)
        {
            request.Expires = request.Expires.Value.AddSeconds(seconds - issued.ExpiresSeconds);
            url = new Uri(await client.GetPreSignedURLAsync(request).ConfigureAwait(false));
            issued = SignedQuery.Of(url);
        }
        // What the server enforces: signing time plus lifetime.
        return new PresignedUrl(url, issued.SignedAt.AddSeconds(issued.ExpiresSeconds));
    }
}
