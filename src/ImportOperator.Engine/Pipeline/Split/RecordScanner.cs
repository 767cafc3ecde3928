namespace ImportOperator.Engine.Pipeline.Split;

/// <summary>One record of a delimited text file as the planner sees it.</summary>
/// <param name="Start">Its first byte.</param>
/// <param name="End">The byte after its line ending (the next record's start).</param>
/// <param name="Line">1-based line it starts on.</param>
/// <param name="EndLine">1-based line at <paramref name="End"/> (where the next record starts).</param>
/// <param name="IsBlank">Every cell is empty or white space (the pipeline skips such rows).</param>
/// <param name="StartsWithByteOrderMark">Its first bytes are EF BB BF: a reader starting there could take them for a BOM.</param>
internal readonly record struct ScannedRecord(long Start, long End, long Line, long EndLine, bool IsBlank, bool StartsWithByteOrderMark);

/// <summary>
/// Finds the record boundaries of UTF-8 delimited text in one pass over the bytes, without decoding cells: a
/// boundary is a line ending (LF or CRLF) outside quotes. It accepts only the strict form the reader and the
/// planner are sure to agree on: a field is unquoted and holds no quote, or is quoted with inner quotes doubled.
/// Anything else (a stray quote, text after a closing quote, a bare CR, a quote never closed, a record larger than
/// the reader takes) stops the scan with a message naming the line, and the file is processed whole.
/// </summary>
internal sealed class RecordScanner
{
    /// <summary>The delimited text reader's own limit: past it a record fails the import, so the planner refuses it.</summary>
    private const long MaxRecordBytes = 64 * 1024 * 1024;

    private const int BufferSize = 1 << 20;

    private static readonly bool[] AsciiWhiteSpace = Enumerable.Range(0, 128).Select(c => char.IsWhiteSpace((char)c)).ToArray();
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private enum State { FieldStart, Unquoted, Quoted, QuoteInQuoted, CrOutside, CrInQuotes }

    private readonly byte _delimiter;
    private readonly Action<ScannedRecord> _onRecord;
    private State _state = State.FieldStart;
    private long _recordStart;
    private long _line = 1;
    private long _recordLine = 1;
    private bool _blank = true;
    private int _byteOrderMarkMatched;
    private int _pendingContinuations;
    private int _codePoint;

    private RecordScanner(byte delimiter, long start, Action<ScannedRecord> onRecord)
    {
        _delimiter = delimiter;
        _recordStart = start;
        _onRecord = onRecord;
    }

    /// <summary>
    /// Scans <paramref name="input"/> from its current position, which is byte <paramref name="start"/> of the file
    /// (after a BOM), to its end, and hands every record to <paramref name="onRecord"/> in order.
    /// </summary>
    /// <returns>Null when the whole file is regular; else why not, naming the line.</returns>
    public static string? Scan(Stream input, long start, char delimiter, Action<ScannedRecord> onRecord, CancellationToken cancellationToken)
    {
        if (delimiter is '"' or '\r' or '\n' || delimiter > 0x7F)
            return $"the delimiter '{delimiter}' is not a plain ASCII separator";
        var scanner = new RecordScanner((byte)delimiter, start, onRecord);
        var buffer = new byte[BufferSize];
        var position = start;
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (scanner.Feed(buffer.AsSpan(0, read), position) is { } irregular) return irregular;
            position += read;
        }
        return scanner.End(position);
    }

    private string? Feed(ReadOnlySpan<byte> bytes, long offset)
    {
        var delimiter = _delimiter;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var at = offset + i;
            if (_byteOrderMarkMatched == at - _recordStart && _byteOrderMarkMatched < 3 && b == ByteOrderMark[_byteOrderMarkMatched])
                _byteOrderMarkMatched++;
            switch (_state)
            {
                case State.FieldStart:
                    if (b == '"') _state = State.Quoted;
                    else if (b == delimiter) { }
                    else if (b == '\n') { if (EndRecord(at + 1) is { } tooLarge) return tooLarge; }
                    else if (b == '\r') _state = State.CrOutside;
                    else { Content(b); _state = State.Unquoted; }
                    break;
                case State.Unquoted:
                    if (b == delimiter) _state = State.FieldStart;
                    else if (b == '\n') { if (EndRecord(at + 1) is { } tooLarge) return tooLarge; }
                    else if (b == '\r') _state = State.CrOutside;
                    else if (b == '"') return Irregular("a quote inside an unquoted field");
                    else Content(b);
                    break;
                case State.Quoted:
                    if (b == '"') _state = State.QuoteInQuoted;
                    else if (b == '\r') _state = State.CrInQuotes;
                    else if (b == '\n') _line++;
                    else Content(b);
                    break;
                case State.QuoteInQuoted:
                    if (b == '"') { Content(b); _state = State.Quoted; }
                    else if (b == delimiter) _state = State.FieldStart;
                    else if (b == '\n') { if (EndRecord(at + 1) is { } tooLarge) return tooLarge; }
                    else if (b == '\r') _state = State.CrOutside;
                    else return Irregular("a character after the closing quote of a field");
                    break;
                case State.CrOutside:
                    if (b != '\n') return Irregular("a carriage return (CR) without a line feed after it");
                    if (EndRecord(at + 1) is { } large) return large;
                    break;
                case State.CrInQuotes:
                    if (b != '\n') return Irregular("a carriage return (CR) without a line feed after it, inside a quoted field");
                    _line++;
                    _state = State.Quoted;
                    break;
            }
        }
        return null;
    }

    private string? End(long length)
    {
        switch (_state)
        {
            case State.Quoted or State.CrInQuotes:
                return $"line {_recordLine}: a quoted field is never closed";
            case State.CrOutside:
                return Irregular("a carriage return (CR) at the end of the file");
        }
        return length > _recordStart ? EndRecord(length, lineEnding: false) : null;
    }

    private string? EndRecord(long end, bool lineEnding = true)
    {
        if (end - _recordStart > MaxRecordBytes)
            return $"line {_recordLine}: a record larger than {MaxRecordBytes / (1024 * 1024)} MB";
        if (lineEnding) _line++;
        _onRecord(new ScannedRecord(_recordStart, end, _recordLine, _line, _blank && _pendingContinuations == 0, _byteOrderMarkMatched == 3));
        _recordStart = end;
        _recordLine = _line;
        _state = State.FieldStart;
        _blank = true;
        _byteOrderMarkMatched = 0;
        _pendingContinuations = 0;
        return null;
    }

    private string Irregular(string what) => $"line {_line}: {what}";

    /// <summary>
    /// A byte of cell text: the record stays blank while every character is white space. Non-ASCII characters are
    /// decoded (only while the record still looks blank) because a few of them are white space too (U+00A0, U+3000…).
    /// </summary>
    private void Content(byte b)
    {
        if (!_blank) return;
        if (b < 0x80)
        {
            if (_pendingContinuations > 0 || !AsciiWhiteSpace[b]) _blank = false;
            return;
        }
        if (b >= 0xC0)
        {
            if (_pendingContinuations > 0) { _blank = false; return; }
            (_pendingContinuations, _codePoint) = b >= 0xF0 ? (3, b & 0x07) : b >= 0xE0 ? (2, b & 0x0F) : (1, b & 0x1F);
            return;
        }
        if (_pendingContinuations == 0) { _blank = false; return; }
        _codePoint = (_codePoint << 6) | (b & 0x3F);
        if (--_pendingContinuations == 0 && (_codePoint > 0xFFFF || !char.IsWhiteSpace((char)_codePoint))) _blank = false;
    }
}
