namespace ImportOperator.Storage;

/// <summary>One stored object as a listing sees it.</summary>
public readonly record struct StoredObject(string Key, long Size);

/// <summary>
/// The object storage the operator and the worker need, small enough that a local-folder store can implement it
/// too. Keys are the ones <see cref="ImportObjectKeys"/> builds.
/// </summary>
public interface IObjectStore
{
    /// <summary>Creates the bucket when absent. Idempotent and safe for concurrent callers.</summary>
    Task EnsureBucketAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a stream of any length without holding it in memory (multipart beyond one part).</summary>
    Task PutAsync(string key, Stream content, string? contentType = null, CancellationToken cancellationToken = default);

    /// <summary>The object's content as a stream the caller disposes.</summary>
    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    Task<Stream> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="length"/> bytes of the object from <paramref name="start"/> (a ranged GET), as a stream the caller
    /// disposes; a range past the object's end is cut at the end. A split import's chunk pods read only their chunk and
    /// the file's head this way. The default reads from the start and skips, for stores that cannot do better.
    /// </summary>
    /// <exception cref="ObjectNotFoundException">No object has that key.</exception>
    async Task<Stream> GetRangeAsync(string key, long start, long length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var whole = await GetAsync(key, cancellationToken).ConfigureAwait(false);
        await using (whole.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            for (var skipped = 0L; skipped < start;)
            {
                var read = await whole.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, start - skipped)), cancellationToken).ConfigureAwait(false);
                if (read == 0) return new MemoryStream([], writable: false);
                skipped += read;
            }
            var range = new MemoryStream();
            for (var copied = 0L; copied < length;)
            {
                var read = await whole.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - copied)), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                range.Write(buffer, 0, read);
                copied += read;
            }
            range.Position = 0;
            return range;
        }
    }

    /// <summary>The object's size in bytes, or null when it does not exist.</summary>
    Task<long?> GetSizeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every object under a prefix, page by page, in key order.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes every object under a prefix (which must end with '/'); returns how many were deleted.</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes one object; absent is fine.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

/// <summary>The key asked for is not stored.</summary>
public sealed class ObjectNotFoundException(string key, Exception? inner = null)
    : Exception($"No stored object has the key '{key}'.", inner)
{
    public string Key { get; } = key;
}
