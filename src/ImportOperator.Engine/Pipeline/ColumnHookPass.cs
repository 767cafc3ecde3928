using ImportOperator.Engine.Hooks;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// The first pass of an import with column hooks: each hooked field's whole column (raw values, rows up to
/// settings.maxRecords) goes to its column hooks, and the changes are kept by row for the per-row steps. One place,
/// so that a single-pod run and the planner of a split run compute the same changes.
/// </summary>
internal static class ColumnHookPass
{
    /// <param name="cursor">Positioned at the first data row.</param>
    /// <param name="builder">Builds rows as the per-row pass does.</param>
    /// <param name="schema">The compiled schema, with column hooks.</param>
    /// <param name="maxRecords">settings.maxRecords: rows past it are not read.</param>
    /// <param name="clock">Times the read and the hooks.</param>
    /// <param name="cancellationToken">Checked between hooked fields.</param>
    /// <returns>Per field (schema order): the changes by row index, or null for a field without column hooks.</returns>
    public static Dictionary<long, ColumnCellChange>[] Run(DataRowCursor cursor, RowBuilder builder, CompiledSchema schema,
        long? maxRecords, StageClock clock, CancellationToken cancellationToken)
    {
        var hooks = schema.Hooks;
        var hookedFields = hooks.ColumnHookFields.Select(key => IndexOf(schema, key)).ToArray();
        var columns = hookedFields.Select(_ => new List<ColumnCell>()).ToArray();
        clock.Time(ImportStages.Read, () =>
        {
            long index = 0;
            while (cursor.TryRead(out var source) && !(maxRecords is { } max && index >= max))
            {
                var row = builder.Build(index++, source.Cells);
                for (var h = 0; h < hookedFields.Length; h++) columns[h].Add(new ColumnCell(row.Index, row.Values[hookedFields[h]]));
            }
        });
        var changesByField = new Dictionary<long, ColumnCellChange>[schema.Fields.Count];
        clock.Time(ImportStages.Hooks, () =>
        {
            for (var h = 0; h < hookedFields.Length; h++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var changes = hooks.RunColumnHooks(hooks.ColumnHookFields[h], columns[h]);
                columns[h] = [];
                var byRow = new Dictionary<long, ColumnCellChange>(changes.Count);
                foreach (var change in changes) byRow[change.Index] = change;
                changesByField[hookedFields[h]] = byRow;
            }
        });
        return changesByField;
    }

    private static int IndexOf(CompiledSchema schema, string key)
    {
        for (var i = 0; i < schema.Fields.Count; i++) if (schema.Fields[i].Key == key) return i;
        throw new InvalidOperationException($"column hook names unknown field '{key}'");
    }
}
