namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>One chunk of a split file: a byte range that starts and ends at record boundaries.</summary>
/// <param name="Index">0-based; the order of the chunks is the order of the rows.</param>
/// <param name="StartByte">First byte of the chunk's first record (inclusive).</param>
/// <param name="EndByte">End of the chunk's last record (exclusive).</param>
/// <param name="FirstRowIndex">The data-row index (0-based, after the header) of the chunk's first row.</param>
/// <param name="RowCount">Data rows in the chunk.</param>
public sealed record SplitChunk(int Index, long StartByte, long EndByte, long FirstRowIndex, long RowCount)
{
    public long Length => EndByte - StartByte;

    /// <summary>1-based line of the file at <see cref="StartByte"/>, so that a chunk names the file's lines in messages.</summary>
    public long FirstLine { get; init; } = 1;
}
