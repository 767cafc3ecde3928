using System.Text;
using System.Text.Unicode;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// The text encodings a customer's file may use, and the test that tells UTF-8 from Windows-1252: a file whose
/// bytes are valid UTF-8 is read as UTF-8; otherwise it was saved by a legacy Windows program (Excel's "CSV"
/// export on a Western locale) and Windows-1252 decodes every byte.
/// </summary>
internal static class TextEncodings
{
    private const int ValidationChunkLength = 1 << 20;

    public static Encoding Windows1252 { get; } = LoadWindows1252();

    /// <summary>
    /// Makes the legacy code pages available to every library in the process (ExcelDataReader looks up
    /// Windows-1252 as soon as its configuration is created); touching the class runs the registration once.
    /// </summary>
    public static void EnsureCodePagesRegistered() => _ = Windows1252;

    /// <summary>UTF-8 without a preamble, so that writers and transcoders never add a BOM of their own.</summary>
    public static Encoding Utf8NoBom { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The encoding a byte order mark announces, with the BOM's length; null without a BOM.</summary>
    public static Encoding? FromByteOrderMark(ReadOnlySpan<byte> head, out int bomLength)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bomLength = 3;
            return Utf8NoBom;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            bomLength = 2;
            return Encoding.Unicode;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            bomLength = 2;
            return Encoding.BigEndianUnicode;
        }

        bomLength = 0;
        return null;
    }

    /// <summary>
    /// Whether the first bytes read as ASCII text with a zero byte beside every character, as UTF-16 saved without a
    /// BOM does (zeros after the characters in little-endian order, before them in big-endian).
    /// </summary>
    public static bool LooksLikeUtf16WithoutByteOrderMark(ReadOnlySpan<byte> head)
    {
        var sample = head[..(Math.Min(head.Length, 1024) & ~1)];
        if (sample.Length < 8)
        {
            return false;
        }

        int little = 0, big = 0;
        for (var i = 0; i < sample.Length; i += 2)
        {
            if (sample[i + 1] == 0 && sample[i] is >= 0x09 and < 0x7F) little++;
            if (sample[i] == 0 && sample[i + 1] is >= 0x09 and < 0x7F) big++;
        }

        // Nine characters in ten: text in a language with few ASCII letters is not recognised, and is refused as binary.
        return Math.Max(little, big) * 10 >= sample.Length / 2 * 9;
    }

    /// <summary>
    /// .NET carries only the Unicode encodings; the legacy code pages come from a provider that must be registered
    /// before the first lookup (registering twice is harmless).
    /// </summary>
    private static Encoding LoadWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>
    /// Whether the bytes from the stream's current position to its end are valid UTF-8, read in chunks so that a
    /// large file is not held in memory; the position is restored.
    /// </summary>
    public static bool IsUtf8(Stream seekable)
    {
        var origin = seekable.Position;
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ValidationChunkLength);
        try
        {
            var carried = 0;
            while (true)
            {
                var read = seekable.Read(buffer, carried, ValidationChunkLength - carried);
                var length = carried + read;
                if (read == 0)
                {
                    return Utf8.IsValid(buffer.AsSpan(0, length));
                }

                // A chunk may end inside a multi-byte character: carry its first bytes over to the next chunk.
                var tail = IncompleteTailLength(buffer.AsSpan(0, length));
                if (!Utf8.IsValid(buffer.AsSpan(0, length - tail)))
                {
                    return false;
                }

                buffer.AsSpan(length - tail, tail).CopyTo(buffer);
                carried = tail;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            seekable.Position = origin;
        }
    }

    /// <summary>Whether a sample is valid UTF-8, forgiving a character cut off at its end when more follows.</summary>
    public static bool IsUtf8(ReadOnlySpan<byte> sample, bool sampleIsWholeFile)
    {
        var tail = sampleIsWholeFile ? 0 : IncompleteTailLength(sample);
        return Utf8.IsValid(sample[..^tail]);
    }

    /// <summary>
    /// How many bytes at the end start a multi-byte character that the span does not finish (0 to 3); invalid
    /// sequences are left in place for the validator to reject.
    /// </summary>
    internal static int IncompleteTailLength(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= 3 && back <= bytes.Length; back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // a continuation byte: the lead byte is further back
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }
}
