using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Processed rows waiting on disk, in file order, that can be read back more than once: one spill file of a
/// single-pod run, or the chunk files of a split run read one after another.
/// </summary>
internal interface ISpilledRows
{
    /// <summary>Hands every row to <paramref name="accept"/> in file order with its result JSON (valid during the call).</summary>
    void ReadAll(Action<ImportRow, ReadOnlyMemory<byte>> accept);
}
