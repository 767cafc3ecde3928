using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Hooks;

/// <summary>
/// Per-row work that runs on a row-hook slice's own thread, around the row hooks of each of its rows: type parsing
/// before, re-parsing changed cells and validating after. Run there, the pipeline's processing thread no longer
/// does that work alone between the slices' fork-joins. One instance per slice (it may keep per-slice state such
/// as timings), made by the factory given to <see cref="CompiledHooks.RunRowHooks(IReadOnlyList{ImportRow}, HookMode, Func{RowSliceSteps})"/>.
/// </summary>
internal abstract class RowSliceSteps
{
    /// <summary>Runs before the first row hook sees the row.</summary>
    public abstract void BeforeHooks(ImportRow row);

    /// <summary>Runs after the last row hook returned the row.</summary>
    public abstract void AfterHooks(ImportRow row);

    /// <summary>Called once on the slice's thread after its last row (also when a hook failed), with its busy time.</summary>
    public virtual void SliceDone(TimeSpan busy) { }
}
