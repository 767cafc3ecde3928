using System.Text;

namespace ImportOperator.Engine.Tests.Fuzz;

/// <summary>Random text for the fuzz tests: from plain ASCII to any valid Unicode, with the characters that trip readers.</summary>
internal static class RandomText
{
    private const string Tricky = ",;|\t\"'\r\n =+-@.:/\\#$%&()[]{}<>0123456789";

    /// <summary>A string of up to <paramref name="maxLength"/> chars, valid UTF-16 (no lone surrogate).</summary>
    public static string Next(Random random, int maxLength, bool controlCharacters = true)
    {
        var length = random.Next(maxLength + 1);
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            switch (random.Next(6))
            {
                case 0: text.Append(Tricky[random.Next(Tricky.Length)]); break;
                case 1: text.Append((char)random.Next('a', 'z' + 1)); break;
                case 2: text.Append((char)random.Next('A', 'Z' + 1)); break;
                case 3: text.Append((char)random.Next(0xA0, 0x2FF)); break; // Latin accents
                case 4: text.Append(char.ConvertFromUtf32(random.Next(0x1F300, 0x1F64F))); break; // emoji: surrogate pairs
                default:
                    var c = (char)random.Next(controlCharacters ? 1 : 0x20, 0xD7FF);
                    text.Append(c);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Random bytes, sometimes seeded with a BOM, a ZIP or JSON start, so every reader gets its turn.</summary>
    public static byte[] Bytes(Random random, int maxLength)
    {
        var bytes = new byte[random.Next(maxLength + 1)];
        random.NextBytes(bytes);
        ReadOnlySpan<byte> prefix = random.Next(8) switch
        {
            0 => [0xEF, 0xBB, 0xBF],
            1 => [0xFF, 0xFE],
            2 => "PK\u0003\u0004"u8,
            3 => "[{\""u8,
            4 => [0xD0, 0xCF, 0x11, 0xE0],
            _ => [],
        };
        if (random.Next(3) == 0)
        {
            // Mostly text with a few random bytes: the interesting half of the space for a CSV reader.
            var text = Encoding.UTF8.GetBytes(Next(random, maxLength / 2));
            for (var i = 0; i < text.Length / 50; i++) text[random.Next(text.Length)] = (byte)random.Next(256);
            bytes = text;
        }

        return [.. prefix, .. bytes];
    }
}
