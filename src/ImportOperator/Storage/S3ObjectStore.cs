using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace ImportOperator.Storage;

/// <summary><see cref="IObjectStore"/> on any S3-compatible endpoint, through AWSSDK.S3.</summary>
public sealed class S3ObjectStore(IAmazonS3 client, string bucket, int partSizeBytes = 8 * 1024 * 1024) : IObjectStore
{
    // DeleteObjects takes at most 1000 keys per request.
    private const int DeleteBatchSize = 1000;

    private readonly SemaphoreSlim _ensureGate = new(1, 1);
    private volatile bool _bucketEnsured;

    public S3ObjectStore(IAmazonS3 client, ObjectStorageOptions options)
        : this(client, options.Bucket, options.MultipartPartSizeBytes) { }

    public string Bucket => bucket;

    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        if (_bucketEnsured) return;
        // One request per process at a time; other processes racing us are handled by the 409 codes below.
        await _ensureGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_bucketEnsured) return;
            if (!await BucketExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                    // Someone created it between our check and our create: confirm we can use it.
                    if (!await BucketExistsAsync(cancellationToken).ConfigureAwait(false))
                        throw new InvalidOperationException($"Bucket '{bucket}' exists but is not accessible with the configured credentials.", e);
                }
            }
            _bucketEnsured = true;
        }
        finally
        {
            _ensureGate.Release();
        }
    }

    private async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await client.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public Task PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default) =>
        new S3StreamUpload(client, bucket, key, contentType, partSizeBytes).RunAsync(content, cancellationToken);

    public async Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return new ResponseOwningStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key, e);
        }
    }

    public async Task<Stream> GetRangeAsync(string key, long start, long length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        // An empty range cannot be written as an HTTP Range header (its end would come before its start).
        if (length == 0) return new MemoryStream([], writable: false);
        try
        {
            var request = new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(start, start + length - 1) };
            var response = await client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            return new ResponseOwningStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key, e);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // A range that starts at or past the end: nothing to read, as for a file.
            return new MemoryStream([], writable: false);
        }
    }

    public async Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            return response.ContentLength;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        while (true)
        {
            var page = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            if (page.S3Objects is { } objects)
                foreach (var item in objects)
                    yield return new StoredObject(item.Key, item.Size ?? 0);
            if (page.IsTruncated != true || string.IsNullOrEmpty(page.NextContinuationToken)) yield break;
            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        // An empty or unterminated prefix would reach other imports ("ns/a" also matches "ns/ab/...").
        if (string.IsNullOrEmpty(prefix) || !prefix.EndsWith('/'))
            throw new ArgumentException($"Refusing to delete under '{prefix}': the prefix must be non-empty and end with '/'.", nameof(prefix));

        var deleted = 0;
        var batch = new List<KeyVersion>(DeleteBatchSize);
        await foreach (var item in ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            batch.Add(new KeyVersion { Key = item.Key });
            if (batch.Count == DeleteBatchSize)
            {
                deleted += await DeleteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        if (batch.Count > 0) deleted += await DeleteBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private async Task<int> DeleteBatchAsync(List<KeyVersion> keys, CancellationToken cancellationToken)
    {
        var response = await client.DeleteObjectsAsync(
            new DeleteObjectsRequest { BucketName = bucket, Objects = [.. keys], Quiet = true }, cancellationToken).ConfigureAwait(false);
        if (response.DeleteErrors is { Count: > 0 } errors)
            throw new IOException($"Could not delete {errors.Count} object(s), first '{errors[0].Key}': {errors[0].Code} {errors[0].Message}");
        return keys.Count;
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
}
