using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Validation;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// The whole-file step of the unique validators: once every row was observed, flag the rows whose key repeats
/// (the first occurrence too) and hand each row on, in file order. One place, so that a single-pod run and the
/// merge of a split run reach the same verdicts.
/// </summary>
/// <remarks>
/// One read of the rows is enough, also for the lean tracker of <see cref="ValidationPlan.CreateInOrderUniquenessTracker"/>:
/// it confirms repeated fingerprints with the full keys it kept while observing (see InOrderUniquenessTracker), and
/// needs each row flagged once, in file order — which this pass does.
/// </remarks>
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
