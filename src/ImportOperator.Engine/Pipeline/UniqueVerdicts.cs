using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Validation;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// The whole-file step of the unique validators: once every row was observed, flag the rows whose key repeats
/// (the first occurrence too) and hand each row on, in file order. One place, so that a single-pod run and the
/// merge of a split run reach the same verdicts.
/// </summary>
internal static class UniqueVerdicts
{
    /// <param name="tracker">Has observed every row of <paramref name="rows"/>.</param>
    /// <param name="rows">The spilled rows, read back as often as the verdict needs.</param>
    /// <param name="accept">Receives each row after its verdict, with its result JSON.</param>
    public static void FlagAll(IUniquenessTracker tracker, ISpilledRows rows, Action<ImportRow, ReadOnlyMemory<byte>> accept) =>
        rows.ReadAll((row, json) =>
        {
            tracker.Flag(row);
            accept(row, json);
        });
}
