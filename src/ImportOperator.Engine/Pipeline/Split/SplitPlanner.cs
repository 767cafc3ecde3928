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
        if (schema.Hooks.HasColumnHooks)
            return Whole("the schema has column hooks, which need a whole column before any row hook runs; such imports are processed whole");

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
        }

        TableLayout layout;
        var cursor = DataRowCursor.Open(request, readOptions);
        try
        {
            layout = TableLayout.Detect(cursor, schema.Fields, request.Settings, request.FileName);
        }
        catch (Exception e) when (e is ImportFailureException or NeedsReviewException)
        {
            return Whole($"the header step ends the import ({e.Message})");
        }
        finally
        {
            cursor.Dispose();
        }

        using var content = request.OpenInput();
        content.Position = byteOrderMarkLength;
        var cutter = new ChunkCutter(request, options, length.Value, layout.HeaderPosition);
        var irregular = RecordScanner.Scan(content, byteOrderMarkLength, delimiter, cutter.Add, cancellationToken);
        if (irregular is not null) return Whole($"{request.FileName} is not in the strict form a split reproduces exactly: {irregular}");
        return cutter.Finish(delimiter);
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
        private bool _firstRecord = true;
        private string? _refusal;
        private long _nonBlank;
        private long _headLength = -1;
        private long _dataRows;
        private long _dropped;
        private long _chunkStart = -1;
        private long _chunkLine;
        private long _chunkFirstRow;
        private long _lastImportedEnd;
        private ScannedRecord? _pendingCut;

        public void Add(ScannedRecord record)
        {
            if (_firstRecord)
            {
                _firstRecord = false;
                if (record.IsBlank is false && StartsWithExcelSeparatorLine(record)) _refusal = "the file starts with Excel's \"sep=\" line";
            }
            if (_pendingCut is { } cut)
            {
                _pendingCut = null;
                // A reader starting at EF BB BF would take them for a byte order mark; cut at a later boundary instead.
                if (!record.StartsWithByteOrderMark) Cut(cut);
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
            _dataRows++;
            _lastImportedEnd = record.End;
            if (_dataRows % ImportProcessor.BatchSize == 0 && _dataRows < _maxRecords && record.End - _chunkStart >= _target)
                _pendingCut = record;
        }

        private void Cut(ScannedRecord at)
        {
            _chunks.Add(new SplitChunk(_chunks.Count, _chunkStart, at.End, _chunkFirstRow, _dataRows - _chunkFirstRow) { FirstLine = _chunkLine });
            (_chunkStart, _chunkLine, _chunkFirstRow) = (at.End, at.EndLine, _dataRows);
        }

        // Cheap and conservative: the reader drops a first line "sep=X"; the planner would count it as a row.
        private bool StartsWithExcelSeparatorLine(ScannedRecord record)
        {
            if (record.End - record.Start < 4) return false;
            using var stream = request.OpenInput();
            stream.Position = record.Start;
            Span<byte> head = stackalloc byte[4];
            stream.ReadExactly(head);
            return Encoding.ASCII.GetString(head).Equals("sep=", StringComparison.OrdinalIgnoreCase);
        }

        public SplitDecision Finish(char delimiter)
        {
            if (_refusal is not null) return Whole(_refusal);
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
