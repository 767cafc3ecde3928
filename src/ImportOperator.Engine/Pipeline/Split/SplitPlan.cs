namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// How one file is processed in chunks: written by the planning step, read by every chunk and by the merge.
/// Serialised as JSON (<see cref="ToJson"/>, <see cref="FromJson"/>) so that pods can hand it on through storage.
/// </summary>
public sealed record SplitPlan
{
    /// <summary>The input's length when planned; chunk and merge steps refuse an input of another length.</summary>
    public required long InputLength { get; init; }

    /// <summary>The chunks in row order; together they cover every data row once.</summary>
    public required IReadOnlyList<SplitChunk> Chunks { get; init; }

    /// <summary>The field delimiter the whole file is read with (detected once, by the planner, over the whole file).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Bytes at the file's start that hold every row header detection looks at, ending at a record boundary: chunks
    /// and the merge find the header (the same <c>TableLayout</c> as the whole-file run) by reading only these.
    /// </summary>
    public long HeadLength { get; init; }

    /// <summary>0-based index of the header among the file's non-blank rows, as the planner found it (checked by every step).</summary>
    public int HeaderPosition { get; init; }

    /// <summary>Data rows after settings.maxRecords: in no chunk, only counted for the metadata's warning.</summary>
    public long DroppedRows { get; init; }

    /// <summary>Data rows in all chunks together.</summary>
    public long RowCount => Chunks.Sum(c => c.RowCount);

    public byte[] ToJson() => SplitPlanJson.Write(this);

    /// <summary>Reads a plan; a damaged plan throws <see cref="FormatException"/> naming <paramref name="source"/>.</summary>
    public static SplitPlan FromJson(ReadOnlySpan<byte> json, string source) => SplitPlanJson.Read(json, source);
}
