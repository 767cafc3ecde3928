using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>The rows of every chunk file, read one file after another: a split run's rows in file order.</summary>
internal sealed class ChunkRows(IReadOnlyList<ChunkFile.Contents> chunks, int fieldCount) : ISpilledRows
{
    public void ReadAll(Action<ImportRow, ReadOnlyMemory<byte>> accept)
    {
        foreach (var chunk in chunks) chunk.ReadRows(fieldCount, accept);
    }
}
