using System.Buffers;
using Amazon.S3;
using Amazon.S3.Model;

namespace ImportOperator.Storage;

/// <summary>
/// Uploads a stream of unknown length holding at most one part in memory: a stream shorter than one part goes up
/// in a single PUT, a longer one as a multipart upload that is aborted if anything fails (no orphaned parts).
/// Each request carries its part with a plain signed payload (no aws-chunked encoding): every S3-compatible
/// server understands it, and the part is in memory anyway.
/// </summary>
internal sealed class S3StreamUpload(IAmazonS3 client, string bucket, string key, string? contentType, int partSizeBytes)
{
    public async Task RunAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(partSizeBytes);
        try
        {
            var filled = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
            if (filled < partSizeBytes)
            {
                await PutSingleAsync(buffer, filled, cancellationToken).ConfigureAwait(false);
                return;
            }
            await PutMultipartAsync(content, buffer, filled, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task PutSingleAsync(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var request = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false };
        if (contentType is not null) request.ContentType = contentType;
        await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutMultipartAsync(Stream content, byte[] buffer, int firstPartLength, CancellationToken cancellationToken)
    {
        var initiate = new InitiateMultipartUploadRequest { BucketName = bucket, Key = key };
        if (contentType is not null) initiate.ContentType = contentType;
        var uploadId = (await client.InitiateMultipartUploadAsync(initiate, cancellationToken).ConfigureAwait(false)).UploadId;
        var parts = new List<PartETag>();
        try
        {
            var length = firstPartLength;
            // Only the last part may be shorter than the part size; an empty tail after a full part is not sent.
            while (length > 0)
            {
                var partNumber = parts.Count + 1;
                using (var body = new MemoryStream(buffer, 0, length, writable: false))
                {
                    var response = await client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = partNumber, InputStream = body, PartSize = length, UseChunkEncoding = false,
                    }, cancellationToken).ConfigureAwait(false);
                    parts.Add(new PartETag(partNumber, response.ETag));
                }
                if (length < partSizeBytes) break;
                length = await FillAsync(content, buffer, cancellationToken).ConfigureAwait(false);
            }
            await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = uploadId, PartETags = parts,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Best effort: parts of an abandoned upload cost storage until aborted. Not cancellable on purpose.
            try { await client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, CancellationToken.None).ConfigureAwait(false); }
            catch (AmazonS3Exception) { }
            throw;
        }
    }

    /// <summary>Reads until the part buffer is full or the stream ends; returns how many bytes it holds.</summary>
    private async Task<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < partSizeBytes)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, partSizeBytes - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        return filled;
    }
}
