using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Hooks;

/// <summary>
/// An import's hooks, each compiled once, run in a sandbox (the hooks helper fills this in). A hook that throws or
/// exceeds a limit throws ImportFailureException with reason HookFailed, naming the hook, the row index and the error.
/// </summary>
public sealed class CompiledHooks : IDisposable
{
    /// <summary>
    /// Compiles every hook; a hook that does not parse adds a problem with its path (e.g. hooks.rowHooks[0]) and the
    /// parser's line and column. <paramref name="fields"/> gives the record keys, in schema order.
    /// </summary>
    public static CompiledHooks Compile(HookDefinitions hooks, IReadOnlyList<FieldDefinition> fields,
        HookSandboxOptions options, SchemaProblems problems) => throw new NotImplementedException();

    public bool HasColumnHooks => throw new NotImplementedException();
    public bool HasRowHooks => throw new NotImplementedException();
    public bool HasBulkRowHooks => throw new NotImplementedException();
    public bool HasBeforeFinish => throw new NotImplementedException();

    /// <summary>Keys of the fields that have column hooks, in schema order.</summary>
    public IReadOnlyList<string> ColumnHookFields => throw new NotImplementedException();

    /// <summary>Runs the column hooks of one field (in their order) over the whole column; returns the changed cells.</summary>
    public IReadOnlyList<ColumnCellChange> RunColumnHooks(string fieldKey, IReadOnlyList<ColumnCell> cells) =>
        throw new NotImplementedException();

    /// <summary>
    /// Runs every row hook over each row of the batch (in parallel across engines, results identical to one engine).
    /// Changes land in the rows through SetValueFromHook and SetHookInfo.
    /// </summary>
    public void RunRowHooks(IReadOnlyList<ImportRow> batch, HookMode mode) => throw new NotImplementedException();

    /// <summary>Runs every bulk row hook over the batch; changes land in the rows as for row hooks.</summary>
    public void RunBulkRowHooks(IReadOnlyList<ImportRow> batch, HookMode mode) => throw new NotImplementedException();

    /// <summary>Runs beforeFinishCallback with the result data (one object per row, by field key) and the metadata.</summary>
    public BeforeFinishResult RunBeforeFinish(IEnumerable<JsonObject> data, JsonObject metadata) =>
        throw new NotImplementedException();

    /// <summary>What hooks wrote with console.log/info/warn/error, capped at the configured size.</summary>
    public IReadOnlyList<string> ConsoleLog => throw new NotImplementedException();

    public void Dispose() { }
}
