using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Reads a JSON array of objects as a table in two passes over the file, so memory does not grow with it: the
/// first collects the keys of all objects in first-seen order (the header, returned as the first row), the
/// second returns one row per object in header order, "" for the keys an object lacks.
/// </summary>
internal sealed class JsonArrayReader : ITabularReader
{
    private readonly Stream _content;
    private readonly Stream? _ownedCopy;
    private readonly JsonTokenSource _rows;
    private readonly string[] _header;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _columnOf;
    private bool _headerReturned;
    private bool _ended;

    private JsonArrayReader(Stream content, Stream? ownedCopy, JsonHeader header, string fileName)
    {
        _content = content;
        _ownedCopy = ownedCopy;
        _header = header.Keys;
        _columnOf = header.ColumnOf.GetAlternateLookup<ReadOnlySpan<char>>();
        _rows = new JsonTokenSource(content, fileName);
        _rows.Next(); // the root '[', checked by the first pass
        SourceLine = _rows.TokenLine;
    }

    public string Format => TabularFormats.Json;

    public bool FirstRowIsHeader => true;

    public long SourceLine { get; private set; }

    public long BytesRead => _rows.Position;

    public static JsonArrayReader Open(SniffedInput input, string fileName)
    {
        // Two passes need a seekable UTF-8 stream; anything else is copied (and transcoded) to a temporary file.
        var encoding = input.DetectTextEncoding();
        Stream? ownedCopy = null;
        var content = input.Content;
        if (!input.ContentIsSeekable || encoding is not UTF8Encoding)
        {
            using var utf8 = encoding is UTF8Encoding
                ? input.Content
                : Encoding.CreateTranscodingStream(input.Content, encoding, TextEncodings.Utf8NoBom, leaveOpen: true);
            ownedCopy = TempFileBuffer.CopyOf(utf8);
            content = ownedCopy;
        }

        try
        {
            var origin = content.Position;
            var header = JsonHeader.Scan(content, fileName);
            content.Position = origin;
            return new JsonArrayReader(content, ownedCopy, header, fileName);
        }
        catch
        {
            ownedCopy?.Dispose();
            throw;
        }
    }

    public bool TryReadRow([NotNullWhen(true)] out string[]? cells)
    {
        if (!_headerReturned)
        {
            _headerReturned = true;
            cells = (string[])_header.Clone();
            return true;
        }

        cells = null;
        if (_ended || !_rows.Next() || _rows.Depth == 0)
        {
            _ended = true;
            return false;
        }

        // The first pass made sure every element is an object.
        SourceLine = _rows.TokenLine;
        cells = new string[_header.Length];
        Array.Fill(cells, "");
        while (_rows.Next() && _rows.TokenType == JsonTokenType.PropertyName)
        {
            var column = _columnOf[_rows.Text];
            _rows.Next();
            cells[column] = JsonValueText.Read(_rows, _header[column]);
        }

        return true;
    }

    public void Dispose()
    {
        // The caller's stream stays open; only a temporary copy is ours to close.
        _ownedCopy?.Dispose();
        GC.KeepAlive(_content);
    }
}
