using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Reading;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// One chunk of a split run: the per-row steps of <see cref="ImportProcessor"/> (<see cref="BatchSteps"/>) over the
/// chunk's rows, in the whole-file run's batches (a chunk starts at a multiple of the batch size), rows numbered and
/// lines named as in the whole file. The rows go to the chunk file; a failure that would have stopped the whole-file
/// run at one of these rows is recorded there too, for the merge to decide with.
/// </summary>
internal static class ChunkRunner
{
    public static void Run(ImportRequest request, SplitPlan plan, int chunkIndex, Func<long, long, Stream> openRange,
        string chunkFile, CancellationToken cancellationToken)
    {
        if (chunkIndex < 0 || chunkIndex >= plan.Chunks.Count)
            throw new ArgumentOutOfRangeException(nameof(chunkIndex), chunkIndex, $"the split plan has chunks 0 to {plan.Chunks.Count - 1}");
        var chunk = plan.Chunks[chunkIndex];
        SplitHead.CheckInput(request, plan);
        var problems = new SchemaProblems();
        using var schema = CompiledSchema.Compile(request.Fields, request.Settings, request.Hooks, request.HookOptions, problems)
            ?? throw new InvalidOperationException($"The schema is invalid ({string.Join("; ", problems.All)}); such an import is never split.");
        var clock = new StageClock(request.Observer);
        using var writer = new ChunkFile.Writer(chunkFile, plan, chunk, schema.Fields, ImportVerdict.UniqueFields(schema.Fields));
        ChunkFailure? failure = null;
        try
        {
            ProcessRows(request, plan, chunk, openRange, schema, clock, writer.Rows, cancellationToken);
        }
        catch (ImportFailureException e)
        {
            failure = new ChunkFailure(OutcomePhase.Failed, e.Reason, e.Message);
        }
        catch (NeedsReviewException e)
        {
            failure = new ChunkFailure(OutcomePhase.NeedsReview, e.Reason, e.Message);
        }
        finally
        {
            clock.Report();
        }
        var log = schema.Hooks.ConsoleLogParts;
        writer.Complete(failure, log.Lines, log.DroppedBytes);
    }

    private static void ProcessRows(ImportRequest request, SplitPlan plan, SplitChunk chunk, Func<long, long, Stream> openRange,
        CompiledSchema schema, StageClock clock, RowSpill rows, CancellationToken cancellationToken)
    {
        var layout = clock.Time(ImportStages.Match, () => SplitHead.Detect(request, schema, plan, openRange));
        var builder = new RowBuilder(layout.Mapping, request.Settings.PassThroughUnmappedColumns == true);
        using var content = openRange(chunk.StartByte, chunk.Length);
        using var cursor = DataRowCursor.Over(DelimitedTextReader.OpenPart(content, plan.Delimiter, request.FileName, chunk.FirstLine));
        var index = chunk.FirstRowIndex;
        var end = chunk.FirstRowIndex + chunk.RowCount;

        List<ImportRow>? ReadBatch() => clock.Time(ImportStages.Read, () =>
        {
            var batch = new List<ImportRow>(ImportProcessor.BatchSize);
            while (batch.Count < ImportProcessor.BatchSize && index < end && cursor.TryRead(out var source))
                batch.Add(builder.Build(index++, source.Cells));
            return batch.Count > 0 ? batch : null;
        });
        void Write(List<ImportRow> batch) => clock.Time(ImportStages.Write, () =>
        {
            foreach (var row in batch) rows.Write(row);
        });

        ThreeStagePipeline.Run(ReadBatch, new BatchSteps(schema, clock, columnChanges: null).Process, Write,
            capacity: 2, cancellationToken);
        if (index != end || cursor.TryRead(out _))
            throw new InvalidDataException(
                $"{request.FileName}: split chunk {chunk.Index} (bytes {chunk.StartByte:N0}–{chunk.EndByte:N0}) does not hold the {chunk.RowCount:N0} data rows of the plan: the input is not the file that was planned.");
    }
}
