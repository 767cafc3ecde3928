using ImportOperator.Engine.Validation;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Results;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Review;

/// <summary>What building a review table gave: the layout, and the table when the layout is usable and nothing failed.</summary>
public sealed record ReviewTableBuild(ReviewLayout? Layout, ReviewTable? Table, string? FailureReason = null, string? FailureMessage = null);

/// <summary>
/// Materialises an import for review: the same steps as processing up to validation (read, header, mapping, type
/// parse, column hooks, row hooks and bulk row hooks in <c>init</c> mode, validators including the unique family),
/// but every row is kept — valid or not — in a <see cref="ReviewTable"/>. Two passes over a scratch file keep memory
/// flat: the first runs hooks and remembers the unique values, the second re-parses, validates, flags and indexes.
/// </summary>
public static class ReviewTableBuilder
{
    public static ReviewTableBuild Build(ImportRequest request, ReviewChoices choices, string directory, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(directory);
        var problems = new SchemaProblems();
        using var schema = CompiledSchema.Compile(request.Fields, request.Settings, request.Hooks, request.HookOptions, problems);
        if (schema is null)
            return new ReviewTableBuild(null, null, OutcomeReasons.InvalidSchema, $"The schema is invalid: {string.Join("; ", problems.All)}");
        ReviewLayout? layout = null;
        try
        {
            var readOptions = ReviewLayout.ReadOptionsOf(request.Settings);
            using (var cursor = DataRowCursor.Open(request, readOptions))
                layout = ReviewLayout.Detect(cursor, schema.Fields, request.Settings, request.FileName, choices);
            if (!layout.IsUsable) return new ReviewTableBuild(layout, null);

            var builder = new RowBuilder(layout.Mapping!, request.Settings.PassThroughUnmappedColumns == true);
            var columnChanges = schema.Hooks.HasColumnHooks ? RunColumnHooks(request, readOptions, layout, builder, schema, cancellationToken) : null;
            var hooked = Path.Combine(directory, "hooked.jsonl.partial");
            var tracker = schema.Validation.HasUniqueness ? schema.Validation.CreateUniquenessTracker() : null;
            using (var cursor = DataRowCursor.Open(request, readOptions))
            {
                cursor.SkipTo(layout.HeaderRow + 1);
                HookPass(request, cursor, builder, schema, columnChanges, tracker, hooked, cancellationToken);
            }
            IndexPass(schema, tracker, hooked, directory, cancellationToken);
            File.Delete(hooked);
            return new ReviewTableBuild(layout, ReviewTable.Open(directory, layout));
        }
        catch (ImportFailureException failure)
        {
            return new ReviewTableBuild(layout, null, failure.Reason, failure.Message);
        }
    }

    private static bool PastMaxRecords(ImportRequest request, long index) => request.Settings.MaxRecords is { } max && index >= max;

    /// <summary>First pass: build, parse, hook (init) and observe every row; keep the hooked rows in a scratch file.</summary>
    private static void HookPass(ImportRequest request, DataRowCursor cursor, RowBuilder builder, CompiledSchema schema,
        Dictionary<long, ColumnCellChange>[]? columnChanges, IUniquenessTracker? tracker, string path, CancellationToken cancellationToken)
    {
        using var output = JsonOutput.Create(path);
        long index = 0;
        var batch = new List<ImportRow>(ImportProcessor.BatchSize);
        void Flush()
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (schema.Hooks.HasRowHooks) schema.Hooks.RunRowHooks(batch, HookMode.Init);
            if (schema.Hooks.HasBulkRowHooks) schema.Hooks.RunBulkRowHooks(batch, HookMode.Init);
            foreach (var row in batch)
            {
                schema.CellParser.ParseChanged(row);
                tracker?.Observe(row);
                output.Write(ReviewRow.From(row).ToJsonBytes());
                output.WriteByte((byte)'\n');
            }
            batch.Clear();
        }
        while (cursor.TryRead(out var source) && !PastMaxRecords(request, index))
        {
            var row = builder.Build(index++, source.Cells);
            schema.CellParser.ParseAll(row);
            if (columnChanges is not null) ApplyColumnChanges(row, columnChanges, schema);
            batch.Add(row);
            if (batch.Count == ImportProcessor.BatchSize) Flush();
        }
        if (batch.Count > 0) Flush();
    }

    /// <summary>Second pass: re-parse (hook changes are in the values), validate, flag duplicates, write and index.</summary>
    private static void IndexPass(CompiledSchema schema, IUniquenessTracker? tracker, string hooked, string directory, CancellationToken cancellationToken)
    {
        using var rows = JsonOutput.Create(Path.Combine(directory, ReviewTable.RowsFile));
        using var offsets = new BinaryWriter(JsonOutput.Create(Path.Combine(directory, ReviewTable.OffsetsFile)));
        using var errors = new BinaryWriter(JsonOutput.Create(Path.Combine(directory, ReviewTable.ErrorsFile)));
        long count = 0;
        foreach (var line in File.ReadLines(hooked))
        {
            if ((++count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var stored = ReviewRow.Read(System.Text.Encoding.UTF8.GetBytes(line));
            var row = ReviewRowEvaluator.Evaluate(schema, stored.ToImportRow(stored.Index), tracker);
            offsets.Write(rows.Position);
            if (row.HasError) errors.Write(row.Index);
            rows.Write(row.ToJsonBytes());
            rows.WriteByte((byte)'\n');
        }
    }

    private static Dictionary<long, ColumnCellChange>[] RunColumnHooks(ImportRequest request, Reading.ReadOptions readOptions,
        ReviewLayout layout, RowBuilder builder, CompiledSchema schema, CancellationToken cancellationToken)
    {
        var hooks = schema.Hooks;
        var fields = hooks.ColumnHookFields.Select(key => schema.Fields.ToList().FindIndex(f => f.Key == key)).ToArray();
        var columns = fields.Select(_ => new List<ColumnCell>()).ToArray();
        using (var cursor = DataRowCursor.Open(request, readOptions))
        {
            cursor.SkipTo(layout.HeaderRow + 1);
            long index = 0;
            while (cursor.TryRead(out var source) && !PastMaxRecords(request, index))
            {
                var row = builder.Build(index++, source.Cells);
                for (var h = 0; h < fields.Length; h++) columns[h].Add(new ColumnCell(row.Index, row.Values[fields[h]]));
            }
        }
        var byField = new Dictionary<long, ColumnCellChange>[schema.Fields.Count];
        for (var h = 0; h < fields.Length; h++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var byRow = new Dictionary<long, ColumnCellChange>();
            foreach (var change in hooks.RunColumnHooks(hooks.ColumnHookFields[h], columns[h])) byRow[change.Index] = change;
            byField[fields[h]] = byRow;
        }
        return byField;
    }

    private static void ApplyColumnChanges(ImportRow row, Dictionary<long, ColumnCellChange>[] changes, CompiledSchema schema)
    {
        for (var field = 0; field < changes.Length; field++)
        {
            if (changes[field] is not { } byRow || !byRow.TryGetValue(row.Index, out var change)) continue;
            if (change.HasValue) row.SetValueFromHook(field, change.Value);
            if (change.Info is not null) row.SetHookInfo(field, change.Info);
        }
        schema.CellParser.ParseChanged(row);
    }
}
