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

    public byte[] ToJson() => throw new NotImplementedException("contract: implemented by the split-engine branch");

    /// <summary>Reads a plan; a damaged plan throws <see cref="FormatException"/> naming <paramref name="source"/>.</summary>
    public static SplitPlan FromJson(ReadOnlySpan<byte> json, string source) =>
        throw new NotImplementedException("contract: implemented by the split-engine branch");
}
