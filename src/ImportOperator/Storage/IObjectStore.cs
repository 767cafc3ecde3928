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
