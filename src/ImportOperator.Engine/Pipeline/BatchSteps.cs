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
/// <remarks>
/// With row hooks and no bulk row hooks, each row goes through all its steps on the thread of the hook slice it
/// belongs to (<see cref="SliceSteps"/>): parse, column changes, row hooks, parse of changed cells and validation are
/// all per row, and validation is stateless (unique validators run later, in the write stage), so the order per
/// row is the contract's and the result is the same as step by step over the batch. Bulk row hooks see the whole
/// batch between the row hooks and the re-parse, so then the batch goes step by step.
/// </remarks>
internal sealed class BatchSteps(CompiledSchema schema, StageClock clock, Dictionary<long, ColumnCellChange>[]? columnChanges)
{
    private readonly CompiledHooks _hooks = schema.Hooks;
    private SliceSteps? _untimedSlice;

    public void Process(List<ImportRow> batch)
    {
        if (!_hooks.HasRowHooks || _hooks.HasBulkRowHooks)
        {
            ProcessStepByStep(batch);
            return;
        }
        if (!clock.Enabled)
        {
            var steps = _untimedSlice ??= new SliceSteps(this);
            _hooks.RunRowHooks(batch, HookMode.Init, () => steps);
            return;
        }
        var times = new SliceTimes();
        var start = DateTimeOffset.UtcNow;
        try
        {
            _hooks.RunRowHooks(batch, HookMode.Init, () => new TimedSliceSteps(this, times));
        }
        finally
        {
            times.Report(clock, start);
        }
    }

    private void ProcessStepByStep(List<ImportRow> batch)
    {
        var parser = schema.CellParser;
        clock.Time(ImportStages.Parse, () =>
        {
            foreach (var row in batch) ParseAndApplyColumnChanges(row);
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

    private void ParseAndApplyColumnChanges(ImportRow row)
    {
        schema.CellParser.ParseAll(row);
        if (columnChanges is not null) ApplyColumnChanges(row);
    }

    private void ParseChanged(ImportRow row) => schema.CellParser.ParseChanged(row);

    private void Validate(ImportRow row) => schema.Validation.ValidateRow(row);

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

    /// <summary>The steps around a row's hooks, on its slice's thread. Stateless, so all slices share one.</summary>
    private class SliceSteps(BatchSteps owner) : RowSliceSteps
    {
        protected BatchSteps Owner => owner;

        public override void BeforeHooks(ImportRow row) => owner.ParseAndApplyColumnChanges(row);

        public override void AfterHooks(ImportRow row)
        {
            owner.ParseChanged(row);
            owner.Validate(row);
        }
    }

    /// <summary>The same steps, timed per stage into the batch's <see cref="SliceTimes"/>: one instance per slice.</summary>
    private sealed class TimedSliceSteps(BatchSteps owner, SliceTimes times) : SliceSteps(owner)
    {
        private long _parseTicks, _validateTicks;

        public override void BeforeHooks(ImportRow row)
        {
            var t0 = Stopwatch.GetTimestamp();
            base.BeforeHooks(row);
            _parseTicks += Stopwatch.GetTimestamp() - t0;
        }

        public override void AfterHooks(ImportRow row)
        {
            var t0 = Stopwatch.GetTimestamp();
            Owner.ParseChanged(row);
            var t1 = Stopwatch.GetTimestamp();
            Owner.Validate(row);
            _parseTicks += t1 - t0;
            _validateTicks += Stopwatch.GetTimestamp() - t1;
        }

        public override void SliceDone(TimeSpan busy) => times.Add(busy, _parseTicks, _validateTicks);
    }

    /// <summary>
    /// What the slices of one batch spent per stage. Reported as the average slice, laid end to end from the batch's
    /// start, so that a stage's busy time stays within its window although the slices ran side by side.
    /// </summary>
    private sealed class SliceTimes
    {
        // _busy in TimeSpan ticks; the stage ticks in Stopwatch timestamps.
        private long _slices, _busy, _parseTicks, _validateTicks;

        public void Add(TimeSpan busy, long parseTicks, long validateTicks)
        {
            Interlocked.Increment(ref _slices);
            Interlocked.Add(ref _busy, busy.Ticks);
            Interlocked.Add(ref _parseTicks, parseTicks);
            Interlocked.Add(ref _validateTicks, validateTicks);
        }

        public void Report(StageClock clock, DateTimeOffset start)
        {
            var slices = Interlocked.Read(ref _slices);
            if (slices == 0) return;
            var parse = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _parseTicks) / slices);
            var validate = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _validateTicks) / slices);
            var hooks = TimeSpan.FromTicks(Interlocked.Read(ref _busy) / slices) - parse - validate;
            if (hooks < TimeSpan.Zero) hooks = TimeSpan.Zero;
            clock.Add(ImportStages.Parse, start, parse);
            clock.Add(ImportStages.Hooks, start + parse, hooks);
            clock.Add(ImportStages.Validate, start + parse + hooks, validate);
        }
    }
}
