namespace ImportOperator.Storage;

/// <summary>
/// Upload detection that scales: for all imports waiting for a file, ONE paginated listing per namespace prefix
/// per cycle says which input keys have arrived and how large they are, instead of a HEAD per import.
/// </summary>
public sealed class UploadScanner(IObjectStore store)
{
    /// <summary>
    /// Which of <paramref name="awaitedKeys"/> exist now, with their sizes. Keys are grouped by their first segment
    /// (the namespace), and each group costs one listing of that namespace's prefix.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> ScanAsync(IEnumerable<string> awaitedKeys, CancellationToken cancellationToken = default)
    {
        var byPrefix = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var key in awaitedKeys)
        {
            var prefix = NamespacePrefixOf(key);
            if (!byPrefix.TryGetValue(prefix, out var keys)) byPrefix[prefix] = keys = new HashSet<string>(StringComparer.Ordinal);
            keys.Add(key);
        }

        var arrived = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (prefix, keys) in byPrefix)
            await ScanPrefixAsync(prefix, keys, arrived, cancellationToken).ConfigureAwait(false);
        return arrived;
    }

    /// <summary>One listing of <paramref name="prefix"/>; adds the awaited keys it finds to <paramref name="arrived"/>.</summary>
    public async Task ScanPrefixAsync(string prefix, IReadOnlySet<string> awaitedKeys, IDictionary<string, long> arrived, CancellationToken cancellationToken = default)
    {
        var remaining = awaitedKeys.Count;
        if (remaining == 0) return;
        await foreach (var item in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (!awaitedKeys.Contains(item.Key)) continue;
            arrived[item.Key] = item.Size;
            // Every awaited key is found: the rest of the listing cannot add anything.
            if (--remaining == 0) return;
        }
    }

    private static string NamespacePrefixOf(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0)
            throw new ArgumentException($"'{key}' is not an import's object key (expected '<namespace>/<name>/<uid>/input/<file>').", "awaitedKeys");
        return key[..(slash + 1)];
    }
}
