using System.Text;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Header;
using ImportOperator.Engine.Reading;

namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>
/// Decides whether and where to split a file. It reads the file the way the whole-file run does for everything that
/// decides the result (encoding, delimiter, header and mapping), then scans the bytes once for record boundaries
/// (<see cref="RecordScanner"/>), counting data rows as <see cref="DataRowCursor"/> does. A chunk ends at a record
/// boundary near a multiple of the target size, and only where the data rows before it are a multiple of
/// <see cref="ImportProcessor.BatchSize"/>, so that hooks see the same batches as in one pod. Anything the split
/// cannot reproduce exactly is processed whole, and <see cref="SplitDecision.WhyWhole"/> says why.
/// </summary>
internal static class SplitPlanner
{
    public static SplitDecision Plan(ImportRequest request, SplitOptions options, CancellationToken cancellationToken)
    {
        if (options.ThresholdBytes <= 0) return Whole("splitting is off (the split threshold is 0)");
        if (options.TargetChunkBytes <= 0) return Whole($"the target chunk size must be positive, got {options.TargetChunkBytes:N0} bytes");
        var length = request.InputLength ?? LengthOf(request);
        if (length is null) return Whole("the input's length is unknown (a forward-only stream is processed whole)");
        if (length < options.ThresholdBytes)
            return Whole($"{request.FileName} is {length:N0} bytes, below the split threshold of {options.ThresholdBytes:N0} bytes");
        if (request.Settings.MaxFileSize is { } max && length > max)
            return Whole($"{request.FileName} is larger than settings.maxFileSize; the whole-file run refuses it");

        var problems = new SchemaProblems();
        using var schema = CompiledSchema.Compile(request.Fields, request.Settings, request.Hooks, request.HookOptions, problems);
        if (schema is null) return Whole("the schema is invalid; the whole-file run reports it");

        var readOptions = ImportProcessor.ReadOptionsFor(request.Settings);
        TextEncodings.EnsureCodePagesRegistered();
        int byteOrderMarkLength;
        char delimiter;
        using (var stream = request.OpenInput())
        {
            var input = SniffedInput.Read(stream);
            if (WhyNotText(input, request.FileName) is { } notText) return Whole(notText);
            (var encoding, delimiter) = DelimitedTextReader.Settle(input, request.FileName, readOptions);
            if (encoding is not UTF8Encoding)
                return Whole($"{request.FileName} is {encoding.WebName} text; only UTF-8 (or ASCII) text is split");
            byteOrderMarkLength = input.ByteOrderMarkLength;
            // The reader drops a first line "sep=X" (Excel's delimiter hint); rare enough to process whole.
            if (input.Head[byteOrderMarkLength..] is { Length: >= 4 } start && Encoding.ASCII.GetString(start[..4]).Equals("sep=", StringComparison.OrdinalIgnoreCase))
                return Whole("the file starts with Excel's \"sep=\" line");
        }

        TableLayout layout;
        try
        {
            // As the whole-file run opens the file (DataRowCursor.Open), but closing the stream too.
            using var stream = request.OpenInput();
            using var cursor = DataRowCursor.Over(TabularReaderFactory.Open(stream, request.FileName, readOptions));
            layout = TableLayout.Detect(cursor, schema.Fields, request.Settings, request.FileName);
        }
        catch (Exception e) when (e is ImportFailureException or NeedsReviewException)
        {
            return Whole($"the header step ends the import ({e.Message})");
        }

        using var content = request.OpenInput();
        content.ReadExactly(new byte[byteOrderMarkLength]); // forward-only streams too
        var cutter = new ChunkCutter(request, options, length.Value, layout.HeaderPosition);
        var irregular = RecordScanner.Scan(content, byteOrderMarkLength, delimiter, cutter.Add, cancellationToken);
        if (irregular is not null) return Whole($"{request.FileName} is not in the strict form a split reproduces exactly: {irregular}");
        var decision = cutter.Finish(delimiter);
        if (decision.Plan is not { } plan || !schema.Hooks.HasColumnHooks) return decision;
        try
        {
            return new SplitDecision(plan with { ColumnHooks = RunColumnHooks(request, schema, readOptions, cancellationToken) }, null);
        }
        catch (ImportFailureException e)
        {
            return Whole($"a column hook stops the import; the whole-file run reports it ({e.Message})");
        }
    }

    /// <summary>
    /// A column hook needs its whole column before any row hook runs: the planner runs them once, as the whole-file
    /// run's first pass does (<see cref="ColumnHookPass"/>), and the plan carries the changes to every chunk.
    /// </summary>
    private static ColumnHookResults RunColumnHooks(ImportRequest request, CompiledSchema schema, ReadOptions readOptions,
        CancellationToken cancellationToken)
    {
        using var stream = request.OpenInput();
        using var cursor = DataRowCursor.Over(TabularReaderFactory.Open(stream, request.FileName, readOptions));
        var layout = TableLayout.Detect(cursor, schema.Fields, request.Settings, request.FileName);
        cursor.SkipTo(layout.HeaderPosition + 1);
        var builder = new RowBuilder(layout.Mapping, request.Settings.PassThroughUnmappedColumns == true);
        var changes = ColumnHookPass.Run(cursor, builder, schema, request.Settings.MaxRecords, new StageClock(null), cancellationToken);
        return ColumnHookResults.From(changes, schema.Fields, schema.Hooks);
    }

    private static long? LengthOf(ImportRequest request)
    {
        using var stream = request.OpenInput();
        return stream.CanSeek ? stream.Length : null;
    }

    private static string? WhyNotText(SniffedInput input, string fileName) => input.Kind switch
    {
        ContentKind.Text => null,
        ContentKind.Zip or ContentKind.Ole2 => "XLSX and XLS workbooks are processed whole",
        ContentKind.JsonArray or ContentKind.JsonObject => "JSON files are processed whole",
        _ => $"{fileName} is not delimited text; the whole-file run reports it",
    };

    private static SplitDecision Whole(string why) => new(null, why);

    /// <summary>Follows the scanned records and cuts chunks.</summary>
    private sealed class ChunkCutter(ImportRequest request, SplitOptions options, long length, int headerPosition)
    {
        private readonly long _target = Math.Max(options.TargetChunkBytes, (length + options.MaxChunks - 1) / Math.Max(1, options.MaxChunks));
        private readonly long _maxRecords = request.Settings.MaxRecords ?? long.MaxValue;
        private readonly int _headRows = Math.Max(HeaderRowDetector.RowsExamined, (request.Settings.MatchingStep?.HeaderRowOverride ?? 0) + 1);
        private readonly List<SplitChunk> _chunks = [];
        private long _nonBlank;
        private long _headLength = -1;
        private long _dataRows;
        private long _dropped;
        private long _chunkStart = -1;
        private long _chunkLine;
        private long _chunkFirstRow;
        private long _lastImportedEnd;
        private ScannedRecord? _pendingCut;
        private bool _pendingCutChecked;

        public void Add(ScannedRecord record)
        {
            if (_pendingCut is not null && !_pendingCutChecked)
            {
                _pendingCutChecked = true;
                // A reader starting at EF BB BF would take them for a byte order mark; cut at a later boundary instead.
                if (record.StartsWithByteOrderMark) _pendingCut = null;
            }
            if (record.IsBlank) return;
            _nonBlank++;
            if (_nonBlank == _headRows) _headLength = record.End;
            if (_nonBlank <= headerPosition + 1)
            {
                if (_nonBlank == headerPosition + 1) (_chunkStart, _chunkLine) = (record.End, record.EndLine);
                return;
            }
            if (_dataRows >= _maxRecords)
            {
                _dropped++;
                return;
            }
            // The cut is made once another row follows it, so that no chunk is left without rows.
            if (_pendingCut is { } cut)
            {
                _pendingCut = null;
                Cut(cut);
            }
            _dataRows++;
            _lastImportedEnd = record.End;
            if (_dataRows % ImportProcessor.BatchSize == 0 && _dataRows < _maxRecords && record.End - _chunkStart >= _target)
            {
                _pendingCut = record;
                _pendingCutChecked = false;
            }
        }

        private void Cut(ScannedRecord at)
        {
            _chunks.Add(new SplitChunk(_chunks.Count, _chunkStart, at.End, _chunkFirstRow, _dataRows - _chunkFirstRow) { FirstLine = _chunkLine });
            (_chunkStart, _chunkLine, _chunkFirstRow) = (at.End, at.EndLine, _dataRows);
        }

        public SplitDecision Finish(char delimiter)
        {
            if (_chunkStart < 0) return Whole("the file has no data rows after its header");
            var end = _maxRecords == long.MaxValue || _dropped == 0 ? length : _lastImportedEnd;
            var last = new SplitChunk(_chunks.Count, _chunkStart, Math.Max(end, _chunkStart), _chunkFirstRow, _dataRows - _chunkFirstRow) { FirstLine = _chunkLine };
            if (_chunks.Count == 0)
                return Whole($"{request.FileName} fits one chunk: {_dataRows:N0} data rows, and a chunk ends only after a multiple of {ImportProcessor.BatchSize:N0} rows past {_target:N0} bytes");
            _chunks.Add(last);
            return new SplitDecision(new SplitPlan
            {
                InputLength = length,
                Chunks = _chunks,
                Delimiter = delimiter,
                HeadLength = _headLength < 0 ? length : _headLength,
                HeaderPosition = headerPosition,
                DroppedRows = _dropped,
            }, null);
        }
    }
}
