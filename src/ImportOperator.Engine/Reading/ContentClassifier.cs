using System.Text;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Decides what a file is from its first bytes, never from its name: a customer's "contacts.xlsx" may well be a
/// CSV, and a "contacts.csv" may be a screenshot.
/// </summary>
internal static class ContentClassifier
{
    private const int BinaryProbeLength = 8 * 1024;

    // More than one control character in ten is not text anyone typed or exported.
    private const double MaxControlCharacterShare = 0.10;

    public static ContentKind Classify(ReadOnlySpan<byte> head, Encoding? bomEncoding, int bomLength, bool headIsWholeFile)
    {
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return ContentKind.Zip;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return ContentKind.Ole2;
        }

        if (BinarySignatures.Name(head) is not null)
        {
            return ContentKind.Binary;
        }

        var body = head[bomLength..];
        if (body.IsEmpty)
        {
            return headIsWholeFile ? ContentKind.Empty : ContentKind.Text;
        }

        // UTF-16 must be decoded to be judged; for UTF-8 and Windows-1252 one byte per char (Latin-1) is enough,
        // since only ASCII characters decide anything here.
        var probe = body[..Math.Min(body.Length, BinaryProbeLength)];
        var text = bomEncoding is UnicodeEncoding
            ? bomEncoding.GetString(probe[..(probe.Length & ~1)])
            : Encoding.Latin1.GetString(probe);

        if (LooksBinary(text))
        {
            return ContentKind.Binary;
        }

        var first = FirstNonWhitespace(text);
        if (first < 0)
        {
            return headIsWholeFile && probe.Length == body.Length ? ContentKind.Empty : ContentKind.Text;
        }

        return text[first] switch
        {
            '[' when StartsLikeJsonArray(text.AsSpan(first + 1)) => ContentKind.JsonArray,
            '{' => ContentKind.JsonObject,
            _ => ContentKind.Text,
        };
    }

    private static bool LooksBinary(string text)
    {
        var control = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                return true;
            }

            if ((c < ' ' && c is not ('\t' or '\n' or '\r' or '\f' or '\v')) || c == '\u007F')
            {
                control++;
            }
        }

        return control > text.Length * MaxControlCharacterShare;
    }

    /// <summary>
    /// '[' starts JSON only when a JSON value (or ']') follows; a CSV whose header is "[Name],[Email]" (as SQL
    /// Server exports them) stays a CSV.
    /// </summary>
    private static bool StartsLikeJsonArray(ReadOnlySpan<char> afterBracket)
    {
        var next = FirstNonWhitespace(afterBracket);
        if (next < 0)
        {
            return true;
        }

        var c = afterBracket[next];
        return c is '{' or '[' or ']' or '"' or '-' or 't' or 'f' or 'n' || char.IsAsciiDigit(c);
    }

    private static int FirstNonWhitespace(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
