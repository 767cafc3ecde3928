using System.Diagnostics;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// The per-row steps of a batch, in the contract's order: type parse, column-hook changes, row hooks, bulk row hooks,
/// type parse of changed cells, row validators. One place, so that a single-pod run and every chunk of a split run
/// treat a batch the same way.
/// </summary>
internal sealed class BatchSteps(CompiledSchema schema, StageClock clock, Dictionary<long, ColumnCellChange>[]? columnChanges)
{
    private readonly CompiledHooks _hooks = schema.Hooks;

    public void Process(List<ImportRow> batch)
    {
        var parser = schema.CellParser;
        clock.Time(ImportStages.Parse, () =>
        {
            foreach (var row in batch)
            {
                parser.ParseAll(row);
                if (columnChanges is not null) ApplyColumnChanges(row);
            }
        });
        if (_hooks.HasRowHooks || _hooks.HasBulkRowHooks)
            clock.Time(ImportStages.Hooks, () =>
            {
                if (_hooks.HasRowHooks) _hooks.RunRowHooks(batch, HookMode.Init);
                if (_hooks.HasBulkRowHooks) _hooks.RunBulkRowHooks(batch, HookMode.Init);
            });
        if (!clock.Enabled)
        {
            foreach (var row in batch)
            {
                parser.ParseChanged(row);
                schema.Validation.ValidateRow(row);
            }
            return;
        }
        // Parsing changed cells and validating alternate row by row: time each side and add them up.
        var start = DateTimeOffset.UtcNow;
        long parseTicks = 0, validateTicks = 0;
        foreach (var row in batch)
        {
            var t0 = Stopwatch.GetTimestamp();
            parser.ParseChanged(row);
            var t1 = Stopwatch.GetTimestamp();
            schema.Validation.ValidateRow(row);
            parseTicks += t1 - t0;
            validateTicks += Stopwatch.GetTimestamp() - t1;
        }
        var parseBusy = Stopwatch.GetElapsedTime(0, parseTicks);
        clock.Add(ImportStages.Parse, start, parseBusy);
        clock.Add(ImportStages.Validate, start + parseBusy, Stopwatch.GetElapsedTime(0, validateTicks));
    }

    private void ApplyColumnChanges(ImportRow row)
    {
        for (var field = 0; field < columnChanges!.Length; field++)
        {
            if (columnChanges[field] is not { } changes || !changes.TryGetValue(row.Index, out var change)) continue;
            if (change.HasValue) row.SetValueFromHook(field, change.Value);
            if (change.Info is not null) row.SetHookInfo(field, change.Info);
        }
        schema.CellParser.ParseChanged(row);
    }
}
