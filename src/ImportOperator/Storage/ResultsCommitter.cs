namespace ImportOperator.Storage;

/// <summary>
/// Writes an import's results so that readers never see a mix of two attempts: the summary is the commit
/// marker. A retried worker first removes any earlier summary (un-committing), then writes data and metadata,
/// then the summary last. Readers treat results without a summary as absent.
/// </summary>
public sealed class ResultsCommitter(IObjectStore store)
{
    public const string JsonContentType = "application/json";

    public async Task CommitAsync(ImportObjectKeys keys, Stream data, Stream metadata, Stream summary, CancellationToken cancellationToken = default)
    {
        await store.DeleteAsync(keys.Summary, cancellationToken).ConfigureAwait(false);
        await store.PutAsync(keys.Data, data, JsonContentType, cancellationToken).ConfigureAwait(false);
        await store.PutAsync(keys.Metadata, metadata, JsonContentType, cancellationToken).ConfigureAwait(false);
        await store.PutAsync(keys.Summary, summary, JsonContentType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The committed summary, or null while no attempt has finished writing its results.</summary>
    public async Task<Stream?> TryOpenSummaryAsync(ImportObjectKeys keys, CancellationToken cancellationToken = default)
    {
        try
        {
            return await store.GetAsync(keys.Summary, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectNotFoundException)
        {
            return null;
        }
    }
}
