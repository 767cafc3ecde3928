using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary>
/// One check of the unique family, compiled from the schema: how to build a row's key, and what to say on the
/// row's cells when that key occurs more than once. Immutable; the tracker holds the counts.
/// </summary>
internal abstract class UniquenessRule
{
    /// <summary>Writes the row's key into <paramref name="key"/>; false when the row takes no part (empty).</summary>
    public abstract bool TryBuildKey(ImportRow row, KeyBuffer key);

    /// <summary>Adds the duplicate message(s) to the row, whose key occurs more than once.</summary>
    public abstract void Flag(ImportRow row);
}
