using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// The end of a split run: the chunk files in row order, then what needs every row (the unique verdicts,
/// beforeFinishCallback, invalidDataBehavior, the maxRecords warning) through the same code as the whole-file run,
/// and data.json and metadata.json. A chunk that failed decides the outcome as the whole-file run's first failure
/// would have: the first failing chunk in row order, with its message.
/// </summary>
internal static class SplitMerger
{
    public static ImportOutcome Merge(ImportRequest request, SplitPlan plan, IReadOnlyList<string> chunkFiles,
        Func<long, long, Stream> openRange, CancellationToken cancellationToken)
    {
        if (chunkFiles.Count != plan.Chunks.Count)
            throw new ArgumentException($"the split plan has {plan.Chunks.Count} chunks, but {chunkFiles.Count} chunk files were given", nameof(chunkFiles));
        SplitHead.CheckInput(request, plan);
        var chunks = plan.Chunks.Select((chunk, i) => ChunkFile.Contents.Open(chunkFiles[i], plan, chunk)).ToArray();

        Directory.CreateDirectory(request.OutputDirectory);
        var problems = new SchemaProblems();
        using var schema = CompiledSchema.Compile(request.Fields, request.Settings, request.Hooks, request.HookOptions, problems);
        if (schema is null)
            return Finish.Empty(request, OutcomePhase.Failed, OutcomeReasons.InvalidSchema, $"The schema is invalid: {string.Join("; ", problems.All)}");

        var clock = new StageClock(request.Observer);
        TableLayout? layout = null;
        try
        {
            layout = SplitHead.Detect(request, schema, plan, openRange);
            return MergeRows(request, plan, chunks, schema, layout, clock, cancellationToken);
        }
        catch (Exception stop) when (Finish.IsStop(stop))
        {
            return Finish.Stopped(request, stop, layout, schema.Hooks);
        }
        finally
        {
            clock.Report();
        }
    }

    private static ImportOutcome MergeRows(ImportRequest request, SplitPlan plan, ChunkFile.Contents[] chunks, CompiledSchema schema,
        TableLayout layout, StageClock clock, CancellationToken cancellationToken)
    {
        var hooks = schema.Hooks;
        if (plan.ColumnHooks is { } columnHooks) hooks.ConsoleLogParts.Append(columnHooks.LogLines, columnHooks.DroppedLogBytes);
        foreach (var chunk in chunks)
        {
            // The hook log reads in row order: each chunk's output in turn, up to the chunk that stopped the import.
            hooks.ConsoleLogParts.Append(chunk.LogLines, chunk.DroppedLogBytes);
            if (chunk.Failure is { } failure)
                return Finish.Empty(request, failure.Phase, failure.Reason, failure.Message, layout, hooks);
        }

        var behavior = request.Settings.InvalidDataBehavior ?? InvalidDataBehaviors.RemoveInvalidRows;
        using var finisher = new RowFinisher(request.OutputDirectory, schema.Fields, behavior, hooks.HasBeforeFinish);
        var rows = new ChunkRows(chunks, schema.Fields.Count);
        clock.Time(ImportStages.Write, () =>
        {
            if (schema.Validation.HasUniqueness)
            {
                // The single-pod run's lean tracker: rows are observed in file order, as FlagAll reads them back.
                var tracker = schema.Validation.CreateInOrderUniquenessTracker();
                using var trackerMemory = tracker as IDisposable;
                rows.ReadAll((row, _) => tracker.Observe(row));
                cancellationToken.ThrowIfCancellationRequested();
                UniqueVerdicts.FlagAll(tracker, rows, (row, json) => finisher.Accept(row, json.Span));
            }
            else
                rows.ReadAll((row, json) => finisher.Accept(row, json.Span));
        });
        return ImportVerdict.Decide(request, hooks, clock, finisher, layout, plan.DroppedRows, out _);
    }
}
