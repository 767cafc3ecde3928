namespace ImportOperator.Engine.Matching;

/// <summary>Which file columns feed which fields, decided once per import from the header row.</summary>
public sealed class ColumnMapping
{
    public ColumnMapping(IReadOnlyList<string> headers, int[][] columnsByField, MatchTier?[] tierByField)
    {
        Headers = headers;
        ColumnsByField = columnsByField;
        TierByField = tierByField;
        var mapped = new bool[headers.Count];
        foreach (var columns in columnsByField) foreach (var column in columns) mapped[column] = true;
        UnmappedColumns = Enumerable.Range(0, headers.Count).Where(column => !mapped[column]).ToArray();
    }

    /// <summary>The header row's cells, trimmed.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>Per field (schema order): the columns mapped to it, in column order (several only for manyToOne).</summary>
    public int[][] ColumnsByField { get; }

    /// <summary>Per field: how it was matched, or null when no column feeds it.</summary>
    public MatchTier?[] TierByField { get; }

    /// <summary>Columns that feed no field, in column order.</summary>
    public int[] UnmappedColumns { get; }

    public bool IsMapped(int field) => ColumnsByField[field].Length > 0;
}
