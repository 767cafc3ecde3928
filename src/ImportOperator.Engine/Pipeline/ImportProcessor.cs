using System.Diagnostics;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Reading;
using ImportOperator.Engine.Results;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Runs one import end to end, in the contract's order: read → header → match → type parse → column hooks → row
/// hooks → bulk row hooks → type parse of changed cells → validators → beforeFinish → invalidDataBehavior, and writes
/// data.json and metadata.json. The input is streamed; memory holds a batch of rows, plus what unique validators
/// and column hooks must remember.
/// </summary>
public static class ImportProcessor
{
    /// <summary>Rows handed to hooks and validators at a time.</summary>
    public const int BatchSize = 2048;

    /// <summary>
    /// Batches that may wait between two stages. Two keep every stage busy; more only hold rows longer, so that
    /// they outlive gen-0 collections and raise the peak (measured: 4 → 2 took the no-unique 1M-row peak from
    /// ~207 MB to ~183 MB at the same CPU time).
    /// </summary>
    private const int PipelineDepth = 2;

    public static ImportOutcome Run(ImportRequest request, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        var problems = new SchemaProblems();
        using var schema = CompiledSchema.Compile(request.Fields, request.Settings, request.Hooks, request.HookOptions, problems);
        if (schema is null)
            return Finish.Empty(request, OutcomePhase.Failed, OutcomeReasons.InvalidSchema,
                $"The schema is invalid: {string.Join("; ", problems.All)}");

        TableLayout? layout = null;
        var clock = new StageClock(request.Observer);
        try
        {
            CheckFileSize(request);
            return new ImportRun(request, schema, clock, cancellationToken).Execute(out layout);
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

    private static void CheckFileSize(ImportRequest request)
    {
        if (request.Settings.MaxFileSize is { } max && request.InputLength is { } length && length > max)
            throw new ImportFailureException(OutcomeReasons.FileTooLarge,
                $"{request.FileName} is {length:N0} bytes, larger than settings.maxFileSize ({max:N0} bytes).");
    }

    /// <summary>How the settings say to read the input (settings.delimiter, settings.uploadStep.sheetOverride).</summary>
    internal static ReadOptions ReadOptionsFor(ImportSettings settings) => new()
    {
        Delimiter = settings.Delimiter is { } d ? DelimiterText.Parse(d)?.ToString() : null,
        SheetName = settings.UploadStep?.SheetOverride,
    };

    /// <summary>The state of one run; a class so that each step is a small method.</summary>
    private sealed class ImportRun(ImportRequest request, CompiledSchema schema, StageClock clock, CancellationToken cancellationToken)
    {
        private readonly ImportSettings _settings = request.Settings;
        private readonly string _behavior = request.Settings.InvalidDataBehavior ?? InvalidDataBehaviors.RemoveInvalidRows;
        private readonly CompiledHooks _hooks = schema.Hooks;
        private Dictionary<long, ColumnCellChange>[]? _columnChanges;

        public ImportOutcome Execute(out TableLayout? layoutOut)
        {
            var readOptions = ReadOptionsFor(_settings);
            var cursor = DataRowCursor.Open(request, readOptions);
            try
            {
                var layout = clock.Time(ImportStages.Match, () => TableLayout.Detect(cursor, schema.Fields, _settings, request.FileName));
                layoutOut = layout;
                var builder = new RowBuilder(layout.Mapping, _settings.PassThroughUnmappedColumns == true);
                if (_hooks.HasColumnHooks)
                {
                    cursor.SkipTo(layout.HeaderPosition + 1);
                    _columnChanges = ColumnHookPass.Run(cursor, builder, schema, _settings.MaxRecords, clock, cancellationToken);
                    cursor.Dispose();
                    cursor = DataRowCursor.Open(request, readOptions);
                }
                cursor.SkipTo(layout.HeaderPosition + 1);
                return ProcessRows(cursor, builder, layout);
            }
            finally
            {
                cursor.Dispose();
            }
        }

        private ImportOutcome ProcessRows(DataRowCursor cursor, RowBuilder builder, TableLayout layout)
        {
            var tracker = schema.Validation.HasUniqueness ? schema.Validation.CreateInOrderUniquenessTracker() : null;
            using var trackerMemory = tracker as IDisposable; // its table lives in native memory: free it now, not at finalization
            using var finisher = new RowFinisher(request.OutputDirectory, schema.Fields, _behavior, _hooks.HasBeforeFinish);
            // Rows wait for the unique verdicts; data.json need not wait when the verdict cannot change what it holds.
            var writeAhead = tracker is not null && !finisher.DataDependsOnVerdict;
            using var spill = tracker is null ? null : new RowSpill(request.OutputDirectory, schema.Fields, ImportVerdict.UniqueFields(schema.Fields), keepJson: !writeAhead);
            long index = 0, dropped = 0;

            // Read, then parse/hook/validate, then write: three threads, batches in file order.
            List<ImportRow>? ReadBatch() => clock.Time(ImportStages.Read, ReadBatchUntimed);
            List<ImportRow>? ReadBatchUntimed()
            {
                var batch = new List<ImportRow>(BatchSize);
                while (batch.Count < BatchSize && cursor.TryRead(out var source))
                {
                    if (PastMaxRecords(index)) dropped++;
                    else batch.Add(builder.Build(index++, source.Cells));
                }
                return batch.Count > 0 ? batch : null;
            }

            long finished = 0;
            void Finish(List<ImportRow> batch) => clock.Time(ImportStages.Write, () => FinishUntimed(batch));
            void FinishUntimed(List<ImportRow> batch)
            {
                foreach (var row in batch)
                {
                    tracker?.Observe(row);
                    if (writeAhead) finisher.WriteAhead(row);
                    if (spill is not null) spill.Write(row);
                    else finisher.Accept(row);
                }
                finished += batch.Count;
                request.Progress?.Report(new ImportProgress(finished, cursor.Reader.BytesRead, request.InputLength));
            }

            var steps = new BatchSteps(schema, clock, _columnChanges);
            ThreeStagePipeline.Run(ReadBatch, steps.Process, Finish, capacity: PipelineDepth, cancellationToken);

            var writeStart = DateTimeOffset.UtcNow;
            var writeClock = Stopwatch.GetTimestamp();
            if (spill is not null)
                UniqueVerdicts.FlagAll(tracker!, spill, (row, json) =>
                {
                    if (writeAhead) finisher.RecordWrittenAhead(row);
                    else finisher.Accept(row, json.Span);
                });
            var outcome = ImportVerdict.Decide(request, _hooks, clock, finisher, layout, dropped, out var beforeFinishBusy);
            clock.Add(ImportStages.Write, writeStart, Stopwatch.GetElapsedTime(writeClock) - beforeFinishBusy);
            return outcome;
        }

        private bool PastMaxRecords(long index) => _settings.MaxRecords is { } max && index >= max;
    }
}
