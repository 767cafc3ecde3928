using System.Text;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// The upload with its first bytes already looked at: what kind of content it holds, its text encoding, and a
/// stream that still starts at the file's first byte (the original stream sought back, or the sniffed bytes
/// replayed in front of a forward-only one).
/// </summary>
internal sealed class SniffedInput
{
    private const int SeekablePrefixLength = 64 * 1024;

    // A forward-only stream cannot be read twice, so its UTF-8 check looks at this much of it.
    private const int ForwardOnlyPrefixLength = 1024 * 1024;

    private SniffedInput(Stream content, byte[] prefix, int prefixLength, bool prefixIsWholeFile)
    {
        Content = content;
        Prefix = prefix;
        PrefixLength = prefixLength;
        PrefixIsWholeFile = prefixIsWholeFile;
        ByteOrderMarkEncoding = TextEncodings.FromByteOrderMark(Head, out var bomLength);
        ByteOrderMarkLength = bomLength;
        Kind = ContentClassifier.Classify(Head, ByteOrderMarkEncoding, bomLength, prefixIsWholeFile);
    }

    /// <summary>The whole file from its first byte (a BOM included).</summary>
    public Stream Content { get; }

    /// <summary>True when <see cref="Content"/> is the caller's seekable stream, positioned at the file's start.</summary>
    public bool ContentIsSeekable => Content.CanSeek;

    public ContentKind Kind { get; }

    public Encoding? ByteOrderMarkEncoding { get; }

    public int ByteOrderMarkLength { get; }

    /// <summary>The first bytes of the file.</summary>
    public ReadOnlySpan<byte> Head => Prefix.AsSpan(0, PrefixLength);

    public bool PrefixIsWholeFile { get; }

    private byte[] Prefix { get; }

    private int PrefixLength { get; }

    public static SniffedInput Read(Stream stream)
    {
        if (stream.CanSeek)
        {
            var origin = stream.Position;
            var remaining = Math.Max(0, stream.Length - origin);
            var prefix = new byte[(int)Math.Min(remaining, SeekablePrefixLength)];
            var length = ReadFully(stream, prefix);
            stream.Position = origin;
            return new SniffedInput(stream, prefix, length, prefixIsWholeFile: length >= remaining);
        }

        var forwardPrefix = new byte[ForwardOnlyPrefixLength];
        var forwardLength = ReadFully(stream, forwardPrefix);
        var replay = new PrefixedStream(forwardPrefix, forwardLength, stream);
        return new SniffedInput(replay, forwardPrefix, forwardLength, prefixIsWholeFile: forwardLength < forwardPrefix.Length);
    }

    /// <summary>
    /// The encoding of a text file: the one its BOM names, else UTF-8 when its bytes are valid UTF-8 (the whole
    /// file when it can be read twice, else the sniffed first megabyte), else Windows-1252.
    /// </summary>
    public Encoding DetectTextEncoding()
    {
        if (ByteOrderMarkEncoding is not null)
        {
            return ByteOrderMarkEncoding;
        }

        var valid = PrefixIsWholeFile
            ? TextEncodings.IsUtf8(Head, sampleIsWholeFile: true)
            : ContentIsSeekable
                ? TextEncodings.IsUtf8(Content)
                : TextEncodings.IsUtf8(Head, sampleIsWholeFile: false);
        return valid ? TextEncodings.Utf8NoBom : TextEncodings.Windows1252;
    }

    /// <summary>The sniffed bytes after the BOM, decoded: the sample for delimiter detection.</summary>
    public string DecodeHead(Encoding encoding) => encoding.GetString(Head[ByteOrderMarkLength..]);

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer, total, buffer.Length - total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
