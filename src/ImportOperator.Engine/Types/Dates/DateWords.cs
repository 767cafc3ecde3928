namespace ImportOperator.Engine.Types;

/// <summary>English month and weekday names (full, three-letter, and "Sept"/"Tues"/"Thurs" forms).</summary>
internal static class DateWords
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>1-12 for a month name or abbreviation of at least three letters, else 0.</summary>
    public static int Month(ReadOnlySpan<char> word)
    {
        if (word.Length < 3) return 0;
        for (var i = 0; i < Months.Length; i++)
        {
            if (IsAbbreviationOf(word, Months[i])) return i + 1;
        }
        return 0;
    }

    public static bool IsWeekday(ReadOnlySpan<char> word)
    {
        if (word.Length < 3) return false;
        foreach (var day in Weekdays)
        {
            if (IsAbbreviationOf(word, day)) return true;
        }
        return false;
    }

    // "Mar", "March", "Sept", "Tues" are prefixes of the full name; "Marc" is too, which is harmless.
    private static bool IsAbbreviationOf(ReadOnlySpan<char> word, string name) =>
        word.Length <= name.Length && name.AsSpan(0, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase);
}
