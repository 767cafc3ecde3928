using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using ImportOperator.Storage;

namespace ImportOperator.Tests.Worker;

/// <summary>
/// The real store with faults injected by key: a storage error instead of a GET or PUT, or a body that ends early
/// (what a dropped connection looks like). Everything else goes through to s3rver.
/// </summary>
public sealed class FaultyStore(IObjectStore inner) : IObjectStore
{
    public Func<string, Exception?> FailGet { get; init; } = _ => null;
    public Func<string, Exception?> FailPut { get; init; } = _ => null;

    /// <summary>Keys whose body stops after this many bytes although the full length was announced.</summary>
    public Func<string, int?> CutBodyAfter { get; init; } = _ => null;

    public static AmazonS3Exception ServerError(string code, HttpStatusCode status) =>
        new($"injected {code}", ErrorType.Receiver, code, "injected-request", status);

    public Task EnsureBucketAsync(CancellationToken cancellationToken = default) => inner.EnsureBucketAsync(cancellationToken);

    public Task PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default) =>
        FailPut(key) is { } failure ? Task.FromException(failure) : inner.PutAsync(key, content, contentType, cancellationToken);

    public async Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (FailGet(key) is { } failure) throw failure;
        var stream = await inner.GetAsync(key, cancellationToken);
        return CutBodyAfter(key) is { } limit ? new CutStream(stream, limit) : stream;
    }

    public Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default) => inner.GetSizeAsync(key, cancellationToken);
    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);
    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) => inner.DeletePrefixAsync(prefix, cancellationToken);
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

    /// <summary>Announces the whole length but ends after <paramref name="limit"/> bytes.</summary>
    private sealed class CutStream(Stream inner, int limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var allowed = (int)Math.Min(count, limit - _read);
            if (allowed <= 0) return 0;
            var read = inner.Read(buffer, offset, allowed);
            _read += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
