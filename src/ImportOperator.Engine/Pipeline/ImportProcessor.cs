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
        catch (ImportFailureException failure)
        {
            return Finish.Empty(request, OutcomePhase.Failed, failure.Reason, failure.Message, layout, schema.Hooks);
        }
        catch (NeedsReviewException review)
        {
            return Finish.Empty(request, OutcomePhase.NeedsReview, review.Reason, review.Message, layout, schema.Hooks);
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

    /// <summary>The state of one run; a class so that each step is a small method.</summary>
    private sealed class ImportRun(ImportRequest request, CompiledSchema schema, StageClock clock, CancellationToken cancellationToken)
    {
        private readonly ImportSettings _settings = request.Settings;
        private readonly string _behavior = request.Settings.InvalidDataBehavior ?? InvalidDataBehaviors.RemoveInvalidRows;
        private readonly CompiledHooks _hooks = schema.Hooks;
        private Dictionary<long, ColumnCellChange>[]? _columnChanges;

        public ImportOutcome Execute(out TableLayout? layoutOut)
        {
            var readOptions = new ReadOptions
            {
                Delimiter = _settings.Delimiter is { } d ? DelimiterText.Parse(d)?.ToString() : null,
                SheetName = _settings.UploadStep?.SheetOverride,
            };
            var cursor = DataRowCursor.Open(request, readOptions);
            try
            {
                var layout = clock.Time(ImportStages.Match, () => TableLayout.Detect(cursor, schema.Fields, _settings, request.FileName));
                layoutOut = layout;
                var builder = new RowBuilder(layout.Mapping, _settings.PassThroughUnmappedColumns == true);
                if (_hooks.HasColumnHooks)
                {
                    cursor.SkipTo(layout.HeaderPosition + 1);
                    RunColumnHooks(cursor, builder);
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

        /// <summary>First pass: hand each hooked field's whole column to its column hooks, keep the changes by row.</summary>
        private void RunColumnHooks(DataRowCursor cursor, RowBuilder builder)
        {
            var hookedFields = _hooks.ColumnHookFields.Select(key => IndexOf(key)).ToArray();
            var columns = hookedFields.Select(_ => new List<ColumnCell>()).ToArray();
            clock.Time(ImportStages.Read, () =>
            {
                long index = 0;
                while (cursor.TryRead(out var source) && !PastMaxRecords(index))
                {
                    var row = builder.Build(index++, source.Cells);
                    for (var h = 0; h < hookedFields.Length; h++) columns[h].Add(new ColumnCell(row.Index, row.Values[hookedFields[h]]));
                }
            });
            _columnChanges = new Dictionary<long, ColumnCellChange>[schema.Fields.Count];
            clock.Time(ImportStages.Hooks, () => RunColumnHookFields(hookedFields, columns));
        }

        private void RunColumnHookFields(int[] hookedFields, List<ColumnCell>[] columns)
        {
            for (var h = 0; h < hookedFields.Length; h++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var changes = _hooks.RunColumnHooks(_hooks.ColumnHookFields[h], columns[h]);
                columns[h] = [];
                var byRow = new Dictionary<long, ColumnCellChange>(changes.Count);
                foreach (var change in changes) byRow[change.Index] = change;
                _columnChanges![hookedFields[h]] = byRow; // allocated by the caller before the hooks run
            }
        }

        private ImportOutcome ProcessRows(DataRowCursor cursor, RowBuilder builder, TableLayout layout)
        {
            var tracker = schema.Validation.HasUniqueness ? schema.Validation.CreateInOrderUniquenessTracker() : null;
            using var finisher = new RowFinisher(request.OutputDirectory, schema.Fields, _behavior, _hooks.HasBeforeFinish);
            // Rows wait for the unique verdicts; data.json need not wait when the verdict cannot change what it holds.
            var writeAhead = tracker is not null && !finisher.DataDependsOnVerdict;
            using var spill = tracker is null ? null : new RowSpill(request.OutputDirectory, schema.Fields, UniqueFields(), keepJson: !writeAhead);
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

            ThreeStagePipeline.Run(ReadBatch, ProcessBatch, Finish, capacity: PipelineDepth, cancellationToken);

            var writeStart = DateTimeOffset.UtcNow;
            var writeClock = Stopwatch.GetTimestamp();
            if (spill is not null)
                UniqueVerdicts.FlagAll(tracker!, spill, (row, json) =>
                {
                    if (writeAhead) finisher.RecordWrittenAhead(row);
                    else finisher.Accept(row, json.Span);
                });
            var outcome = Decide(finisher, layout, dropped);
            clock.Add(ImportStages.Write, writeStart, Stopwatch.GetElapsedTime(writeClock) - _beforeFinishBusy);
            return outcome;
        }

        private TimeSpan _beforeFinishBusy;

        /// <summary>Per field: whether a unique-family validator reads it (the spill keeps those cells of every row).</summary>
        private bool[] UniqueFields() => schema.Fields.Select(field => (field.Validators ?? []).Any(v =>
            v.Validate is ValidatorKinds.Unique or ValidatorKinds.UniqueCaseInsensitive or ValidatorKinds.UniqueWith)).ToArray();

        private bool PastMaxRecords(long index) => _settings.MaxRecords is { } max && index >= max;

        private void ProcessBatch(List<ImportRow> batch)
        {
            var parser = schema.CellParser;
            clock.Time(ImportStages.Parse, () =>
            {
                foreach (var row in batch)
                {
                    parser.ParseAll(row);
                    if (_columnChanges is not null) ApplyColumnChanges(row);
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
            for (var field = 0; field < _columnChanges!.Length; field++)
            {
                if (_columnChanges[field] is not { } changes || !changes.TryGetValue(row.Index, out var change)) continue;
                if (change.HasValue) row.SetValueFromHook(field, change.Value);
                if (change.Info is not null) row.SetHookInfo(field, change.Info);
            }
            schema.CellParser.ParseChanged(row);
        }

        private ImportOutcome Decide(RowFinisher finisher, TableLayout layout, long dropped)
        {
            var warnings = new List<string>();
            if (dropped > 0)
                warnings.Add($"settings.maxRecords is {_settings.MaxRecords:N0}: {dropped:N0} further data row{(dropped == 1 ? " was" : "s were")} not imported.");
            var rows = finisher.Rows;
            var invalid = finisher.InvalidRows;

            if (rows == 0 && _settings.AllowEmptySubmit == false)
                return Finish.Complete(request, finisher, layout, OutcomePhase.Failed, OutcomeReasons.NoDataRows,
                    $"{request.FileName} has a header but no data rows, and settings.allowEmptySubmit is false.", false, warnings, _hooks);

            if (_hooks.HasBeforeFinish)
            {
                var hookClock = Stopwatch.GetTimestamp();
                var verdict = clock.Time(ImportStages.Hooks, () => _hooks.RunBeforeFinish(finisher.HookData, HookMetadata(layout, rows, invalid)));
                _beforeFinishBusy = Stopwatch.GetElapsedTime(hookClock);
                if (verdict.Cancel)
                    return Finish.Complete(request, finisher, layout, OutcomePhase.NeedsReview, OutcomeReasons.CancelledByHook,
                        string.IsNullOrWhiteSpace(verdict.Message) ? "beforeFinishCallback cancelled the import." : verdict.Message!,
                        false, warnings, _hooks);
            }

            if (_behavior == InvalidDataBehaviors.BlockSubmit && invalid > 0)
                return Finish.Complete(request, finisher, layout, OutcomePhase.NeedsReview, OutcomeReasons.ValidationErrors,
                    $"{invalid:N0} of {rows:N0} rows have errors and settings.invalidDataBehavior is BLOCK_SUBMIT; fix them in review.",
                    false, warnings, _hooks);

            var message = rows == 0 ? $"{request.FileName} has no data rows; nothing to import."
                : invalid == 0 ? $"Imported {rows:N0} row{(rows == 1 ? "" : "s")}."
                : _behavior == InvalidDataBehaviors.IncludeInvalidRows
                    ? $"Imported {rows:N0} rows; {invalid:N0} have errors (kept, as settings.invalidDataBehavior is INCLUDE_INVALID_ROWS; see the metadata)."
                    : $"Imported {rows - invalid:N0} of {rows:N0} rows; {invalid:N0} row{(invalid == 1 ? "" : "s")} with errors {(invalid == 1 ? "was" : "were")} left out (REMOVE_INVALID_ROWS).";
            return Finish.Complete(request, finisher, layout, OutcomePhase.Successful, OutcomeReasons.Completed, message, true, warnings, _hooks);
        }

        private JsonObject HookMetadata(TableLayout layout, long rows, long invalid) => new()
        {
            ["importIdentifier"] = request.ImportIdentifier,
            ["filename"] = request.FileName,
            ["user"] = request.User is { } user ? JsonUser(user) : null,
            ["rawHeaders"] = new JsonArray(layout.RawHeaders.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
            ["numDataRows"] = rows,
            ["numValidRows"] = rows - invalid,
            ["numInvalidRows"] = invalid,
        };

        private static JsonObject JsonUser(ImportUser user) => new()
        {
            ["id"] = user.Id, ["name"] = user.Name, ["email"] = user.Email,
            ["companyName"] = user.CompanyName, ["companyId"] = user.CompanyId,
        };

        private int IndexOf(string key)
        {
            for (var i = 0; i < schema.Fields.Count; i++) if (schema.Fields[i].Key == key) return i;
            throw new InvalidOperationException($"column hook names unknown field '{key}'");
        }
    }
}
