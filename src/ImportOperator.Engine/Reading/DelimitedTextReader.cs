using System.Diagnostics.CodeAnalysis;
using System.Text;
using CsvHelper;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Reads CSV, TSV and other delimited text with CsvHelper: RFC 4180 quoting (quoted delimiters, line breaks and
/// "" escapes), any line ending, and lenient about stray quotes the way spreadsheets are. A quote that is never
/// closed is the one quoting error refused, because it silently swallows the rest of the file.
/// </summary>
internal sealed class DelimitedTextReader : ITabularReader
{
    // Larger than any real cell; past it a record is a runaway (usually an unclosed quote) and reading stops.
    private const int MaxRecordBytes = 64 * 1024 * 1024;

    private readonly CsvReader _csv;
    private readonly CountingStream _counter;
    private readonly string _fileName;
    private readonly char _delimiter;
    private readonly long _lineOffset;
    private UnclosedQuote? _unclosedQuote;
    private bool _atFirstRecord = true;

    /// <param name="content">The text, from the file's start or (for a chunk) from a record boundary.</param>
    /// <param name="encoding">The file's encoding.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="fileName">For messages.</param>
    /// <param name="lineOffset">Lines of the file before <paramref name="content"/> (0 from the file's start), so that
    /// line numbers in messages are the file's.</param>
    private DelimitedTextReader(Stream content, Encoding encoding, char delimiter, string fileName, long lineOffset = 0)
    {
        _fileName = fileName;
        _lineOffset = lineOffset;
        // Only the file's first line can be Excel's "sep=" line; a chunk starts later in the file.
        _atFirstRecord = lineOffset == 0;
        _delimiter = delimiter;
        _counter = new CountingStream(content, leaveOpen: true);
        var options = CsvReaderOptions.Default with
        {
            Separator = delimiter,
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = false,
            TrackLineNumbers = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Recover,
            MaxRecordSize = MaxRecordBytes,
            // A BOM, when there is one, names the encoding itself; Windows-1252 must be said.
            Encoding = encoding is UTF8Encoding or UnicodeEncoding ? null : encoding,
            OnMalformedRecord = OnMalformedRecord,
        };
        _csv = CsvReader.Create(_counter, options, leaveOpen: false);
        Format = DelimiterSetting.FormatOf(delimiter);
    }

    public string Format { get; }

    public bool FirstRowIsHeader => false;

    public long SourceLine { get; private set; }

    public long BytesRead => _counter.BytesRead;

    public static DelimitedTextReader Open(SniffedInput input, string fileName, string? originalName, ReadOptions options)
    {
        var (encoding, delimiter) = Settle(input, originalName, options);
        return new DelimitedTextReader(input.Content, encoding, delimiter, fileName);
    }

    /// <summary>The encoding and delimiter <see cref="Open"/> reads a text file with: what a split plan records.</summary>
    internal static (Encoding Encoding, char Delimiter) Settle(SniffedInput input, string? originalName, ReadOptions options)
    {
        var encoding = input.DetectTextEncoding();
        var delimiter = DelimiterSetting.Parse(options.Delimiter)
            ?? DelimiterDetector.Detect(input.DecodeHead(encoding), input.PrefixIsWholeFile, TieBreakerFor(originalName));
        return (encoding, delimiter);
    }

    /// <summary>
    /// Reads part of a UTF-8 text file with a known delimiter, without sniffing: the file's head (from byte 0,
    /// <paramref name="firstLine"/> 1) or a chunk that starts at a record boundary on line <paramref name="firstLine"/>.
    /// </summary>
    internal static DelimitedTextReader OpenPart(Stream content, char delimiter, string fileName, long firstLine) =>
        new(content, TextEncodings.Utf8NoBom, delimiter, ReadFailures.DisplayName(fileName), firstLine - 1);

    public bool TryReadRow([NotNullWhen(true)] out string[]? cells)
    {
        cells = null;
        if (!ReadRecord())
        {
            return false;
        }

        if (_atFirstRecord)
        {
            _atFirstRecord = false;
            if (IsExcelSeparatorLine() && !ReadRecord())
            {
                return false;
            }
        }

        var count = _csv.FieldCount;
        cells = count == 0 ? [] : new string[count];
        for (var i = 0; i < count; i++)
        {
            cells[i] = _csv.GetString(i) ?? "";
        }

        return true;
    }

    public void Dispose() => _csv.Dispose();

    private bool ReadRecord()
    {
        try
        {
            if (!_csv.Read())
            {
                return false;
            }
        }
        catch (CsvFormatException e)
        {
            var where = e.LineNumber > 0 ? $"line {e.LineNumber + _lineOffset}: " : "";
            throw ReadFailures.Unreadable(_fileName,
                $"{where}a record is larger than {MaxRecordBytes / (1024 * 1024)} MB: a line that long, or a quote that is never closed; no row holds that much.", e);
        }

        SourceLine = _csv.LineNumber + _lineOffset;
        if (_unclosedQuote is { } unclosed)
        {
            throw ReadFailures.Unreadable(_fileName,
                $"line {unclosed.RecordLine}: a quoted field is never closed (the quote opened at line {unclosed.QuoteLine}, column {unclosed.QuoteColumn}). Close the quote, or double it (\"\") if it is part of the text.");
        }

        return true;
    }

    /// <summary>
    /// Excel's "sep=;" first line is an instruction to the reader, not data: it is read as ["sep=", ""] when it
    /// names the delimiter in use, else as one cell.
    /// </summary>
    private bool IsExcelSeparatorLine() => _csv.FieldCount switch
    {
        1 => _csv.GetString(0) is { Length: 5 } line && line.StartsWith("sep=", StringComparison.OrdinalIgnoreCase),
        2 => string.Equals(_csv.GetString(0), "sep=", StringComparison.OrdinalIgnoreCase) && _csv.GetString(1) is null or "",
        _ => false,
    };

    private void OnMalformedRecord(CsvMalformedRecord record)
    {
        // Stray quotes and text after a closing quote are recovered as text; only a quote that runs to the end of
        // the file is an error. The first one is the one to report.
        if (record.Reason == CsvMalformedReason.UnterminatedQuote && _unclosedQuote is null)
        {
            _unclosedQuote = UnclosedQuote.Locate(record.RawRecord, record.LineNumber + _lineOffset, _delimiter);
        }
    }

    private static char TieBreakerFor(string? originalName) =>
        Path.GetExtension(originalName ?? "").ToLowerInvariant() is ".tsv" or ".tab" ? '\t' : ',';
}
