using System.Collections.Concurrent;
using System.Text.Json;
using ImportOperator.Storage;

namespace ImportOperator.ReviewApp;

/// <summary>
/// Loads and saves <see cref="ReviewSessionState"/> in object storage. Writes to one import are serialised within a
/// replica; across replicas the last write wins (a review is one person's work, so two writers at once is rare).
/// </summary>
public sealed class ReviewSessionStore(IObjectStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public static string KeyOf(ImportObjectKeys keys) => keys.Prefix + "review/session.json";

    public async Task<ReviewSessionState> LoadAsync(ImportObjectKeys keys, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await store.GetAsync(KeyOf(keys), cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync<ReviewSessionState>(stream, Json, cancellationToken).ConfigureAwait(false) ?? new();
        }
        catch (ObjectNotFoundException)
        {
            return new ReviewSessionState();
        }
    }

    /// <summary>Reads, changes and writes the session under the import's lock; returns what <paramref name="change"/> returned.</summary>
    public async Task<T> UpdateAsync<T>(ImportObjectKeys keys, Func<ReviewSessionState, Task<T>> change, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(keys.Prefix, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = await LoadAsync(keys, cancellationToken).ConfigureAwait(false);
            var result = await change(state).ConfigureAwait(false);
            using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(state, Json));
            await store.PutAsync(KeyOf(keys), body, "application/json", cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }
}
