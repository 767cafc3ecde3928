namespace ImportOperator.Engine.Types;

/// <summary>
/// Reduces a name to a comparison key: letters lower-cased with accents removed, digits kept, everything else
/// (spaces, dots, commas, apostrophes, hyphens) dropped, '&amp;' read as "and". "Côte d’Ivoire", "cote divoire"
/// and "COTE D'IVOIRE" share the key "cotedivoire". Works on spans so that a lookup allocates nothing.
/// </summary>
internal static class TextFolding
{
    /// <summary>Longest key worth looking up; longer texts are no name of ours.</summary>
    public const int MaxKeyLength = 96;

    // Base letters of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A); '\0' = not a letter.
    private const string LatinBase =
        "aaaaaaaceeeeiiii" + "dnooooo\0ouuuuyts" + "aaaaaaaceeeeiiii" + "dnooooo\0ouuuuyty" + // C0..FF
        "aaaaaaccccccccdd" + "ddeeeeeeeeeegggg" + "gggghhhhiiiiiiii" + "iiiijjkkklllllll" + // 100..13F
        "lllnnnnnnnnnoooo" + "oooorrrrrrssssss" + "ssttttttuuuuuuuu" + "uuuuwwyyyzzzzzzs";  // 140..17F

    /// <summary>Writes the key of <paramref name="text"/> into <paramref name="destination"/>.</summary>
    /// <returns>False when the key would not fit (the text is no name of ours).</returns>
    public static bool TryFold(ReadOnlySpan<char> text, Span<char> destination, out int length)
    {
        length = 0;
        foreach (var c in text)
        {
            char folded;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') folded = c;
            else if (c is >= 'A' and <= 'Z') folded = (char)(c | 0x20);
            else if (c == '&')
            {
                if (length + 3 > destination.Length) return false;
                destination[length++] = 'a';
                destination[length++] = 'n';
                destination[length++] = 'd';
                continue;
            }
            else if (c < 0x80) continue; // ASCII punctuation and spaces
            else if (c is >= '\u00C0' and <= '\u017F') folded = LatinBase[c - 0xC0];
            else if (char.IsLetterOrDigit(c)) folded = char.ToLowerInvariant(c);
            else continue; // other punctuation and spaces (’, NBSP, dashes)

            if (folded == '\0') continue;
            if (length == destination.Length) return false;
            destination[length++] = folded;
        }
        return true;
    }

    /// <summary>The key of <paramref name="text"/> as a string (for building tables, not for per-cell use).</summary>
    public static string Fold(string text)
    {
        Span<char> buffer = stackalloc char[text.Length * 3 + 1];
        TryFold(text, buffer, out var length);
        return new string(buffer[..length]);
    }
}
