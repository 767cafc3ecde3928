using System.Text;
using System.Text.Json;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Streams the tokens of a JSON document with Utf8JsonReader over a refillable buffer, so memory stays the size
/// of the largest single token however large the file is. Each token's text (unescaped strings and property
/// names, raw numbers) is exposed as a reused char span; positions are kept for messages.
/// </summary>
internal sealed class JsonTokenSource
{
    private const int InitialBufferLength = 64 * 1024;

    /// <summary>Larger than any real cell (as for CSV records); a token past it is refused, not buffered whole.</summary>
    public const int MaxTokenBytes = 64 * 1024 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private readonly Stream _stream;
    private readonly string _fileName;
    private byte[] _buffer = new byte[InitialBufferLength];
    private char[] _text = new char[256];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private long _line = 1;
    private bool _isFinalBlock;
    private bool _filledOnce;
    private JsonReaderState _state = new(ReaderOptions);

    public JsonTokenSource(Stream stream, string fileName)
    {
        _stream = stream;
        _fileName = fileName;
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>The file's name, for messages.</summary>
    public string FileName => _fileName;

    /// <summary>The token's depth: 0 for the root array, 1 for its elements, 2 for their properties.</summary>
    public int Depth { get; private set; }

    /// <summary>0-based byte offset of the token in the file.</summary>
    public long TokenOffset { get; private set; }

    /// <summary>1-based line of the token in the file.</summary>
    public long TokenLine { get; private set; }

    /// <summary>Bytes of the file consumed so far.</summary>
    public long Position => _bufferOffset + _start;

    /// <summary>The unescaped text of a string or property name, or the raw text of a number; empty otherwise.</summary>
    public ReadOnlySpan<char> Text => _text.AsSpan(0, TextLength);

    private int TextLength { get; set; }

    public bool Next()
    {
        while (true)
        {
            if (TryReadToken())
            {
                return true;
            }

            if (_isFinalBlock)
            {
                return false;
            }

            Fill();
        }
    }

    private bool TryReadToken()
    {
        var window = _buffer.AsSpan(_start, _end - _start);
        var reader = new Utf8JsonReader(window, _isFinalBlock, _state);
        try
        {
            if (!reader.Read())
            {
                return false;
            }
        }
        catch (JsonException e)
        {
            throw Invalid(e);
        }

        var tokenStart = (int)reader.TokenStartIndex;
        var consumed = (int)reader.BytesConsumed;
        _line += window[..tokenStart].Count((byte)'\n');
        TokenLine = _line;
        _line += window[tokenStart..consumed].Count((byte)'\n');
        TokenOffset = _bufferOffset + _start + tokenStart;
        TokenType = reader.TokenType;
        Depth = reader.CurrentDepth;
        CaptureText(ref reader);
        _state = reader.CurrentState;
        _start += consumed;
        return true;
    }

    private void CaptureText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String or JsonTokenType.PropertyName:
                EnsureTextCapacity(reader.ValueSpan.Length); // unescaped text is never longer than its UTF-8
                TextLength = reader.CopyString(_text);
                break;
            case JsonTokenType.Number:
                EnsureTextCapacity(reader.ValueSpan.Length);
                TextLength = Encoding.UTF8.GetChars(reader.ValueSpan, _text);
                break;
            default:
                TextLength = 0;
                break;
        }
    }

    private void EnsureTextCapacity(int length)
    {
        if (_text.Length < length)
        {
            _text = new char[Math.Max(length, _text.Length * 2)];
        }
    }

    /// <summary>Keeps the unread bytes, growing the buffer when one token fills it, and reads more after them.</summary>
    private void Fill()
    {
        var unread = _end - _start;
        if (unread == _buffer.Length)
        {
            if (_buffer.Length >= MaxTokenBytes)
            {
                throw ReadFailures.Unreadable(_fileName,
                    $"line {_line}, byte {_bufferOffset + _start}: a single JSON value is larger than {MaxTokenBytes >> 20} MB; no cell holds that much.");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, MaxTokenBytes));
        }
        else if (_start > 0)
        {
            _buffer.AsSpan(_start, unread).CopyTo(_buffer);
        }

        _bufferOffset += _start;
        _start = 0;
        _end = unread;

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _isFinalBlock = read == 0;

        if (!_filledOnce && (_end >= 3 || _isFinalBlock))
        {
            _filledOnce = true;
            if (_buffer.AsSpan(0, _end).StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                _start = 3; // Utf8JsonReader refuses a BOM
            }
        }
    }

    private Exception Invalid(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        var where = e.LineNumber is { } line
            ? $"line {line + 1}, byte {e.BytePositionInLine.GetValueOrDefault() + 1} of the line"
            : $"byte {Position}";
        return ReadFailures.Unreadable(_fileName, $"the JSON is invalid at {where}: {message.TrimEnd('.')}.", e);
    }
}
