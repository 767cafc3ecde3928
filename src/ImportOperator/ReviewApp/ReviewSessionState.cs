using System.Text.Json;
using ImportOperator.Engine.Review;

namespace ImportOperator.ReviewApp;

/// <summary>
/// What a person did in review, kept in object storage beside the import (<c>&lt;prefix&gt;review/session.json</c>) so
/// every replica of the review app sees the same thing: the layout choices, and the edits made under them (edited
/// rows whole, as re-evaluated on the server, and deleted rows). Choosing another layout drops the edits, since
/// row contents depend on it.
/// </summary>
public sealed class ReviewSessionState
{
    public int? HeaderRow { get; set; }
    public Dictionary<string, int>? Mapping { get; set; }

    /// <summary>True once the person confirmed the header and mapping (or none was needed).</summary>
    public bool LayoutConfirmed { get; set; }

    /// <summary>Edited rows by position: the stored <see cref="ReviewRow"/> JSON.</summary>
    public Dictionary<long, JsonElement> Edited { get; set; } = [];

    public SortedSet<long> Deleted { get; set; } = [];

    public ReviewChoices Choices => new() { HeaderRow = HeaderRow, ColumnsByField = Mapping };

    public ReviewEdits Edits() => new()
    {
        Edited = Edited.ToDictionary(pair => pair.Key, pair => ReviewRow.Read(pair.Value)),
        Deleted = Deleted,
    };

    public void SetEdited(ReviewRow row)
    {
        using var document = JsonDocument.Parse(row.ToJsonBytes());
        Edited[row.Index] = document.RootElement.Clone();
    }
}
