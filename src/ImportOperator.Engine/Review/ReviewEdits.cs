namespace ImportOperator.Engine.Review;

/// <summary>
/// What a person changed over a materialised table: rows edited (each kept whole, as re-evaluated on the server
/// when the edit was made) and rows deleted, both by the row's position (its 0-based data row index).
/// </summary>
public sealed record ReviewEdits
{
    public IReadOnlyDictionary<long, ReviewRow> Edited { get; init; } = new Dictionary<long, ReviewRow>();
    public IReadOnlySet<long> Deleted { get; init; } = new HashSet<long>();

    public static readonly ReviewEdits None = new();

    /// <summary>The row as the person sees it: edited, or as stored; null when deleted.</summary>
    public ReviewRow? Resolve(ReviewRow stored) =>
        Deleted.Contains(stored.Index) ? null : Edited.TryGetValue(stored.Index, out var edited) ? edited : stored;
}
