namespace ImportOperator.Engine.Types;

/// <summary>
/// Reads a time of day and the zone after it: 14:05, 14:05:30, 14:05:30.123, 2:05 PM, 2pm, 12:30 a.m.; then
/// Z, +02:00, +0200, -05, UTC, GMT+1, EST, and a trailing comment such as "(Central European Summer Time)".
/// The zone is checked and dropped: results keep the wall-clock time as written.
/// </summary>
internal static class ClockText
{
    private static readonly string[] ZoneNames =
    [
        "z", "ut", "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "akdt", "hst",
        "wet", "west", "bst", "cet", "cest", "eet", "eest", "msk", "ist", "jst", "kst", "aest", "aedt", "nzst", "nzdt",
    ];

    /// <summary>H[:mm[:ss[.fff]]] with an optional AM/PM; without AM/PM the minutes are required.</summary>
    public static bool TryReadClock(ref TextCursor cursor, out ClockTime time)
    {
        time = default;
        if (!cursor.TryReadNumber(out var hour, out var hourDigits) || hourDigits > 2) return false;

        var minute = 0;
        var hasMinutes = cursor.TryConsume(':');
        if (hasMinutes)
        {
            if (!cursor.TryReadNumber(2, out minute) || minute > 59) return false;
            if (cursor.TryConsume(':'))
            {
                if (!cursor.TryReadNumber(2, out var second) || second > 59) return false;
                if (cursor.Current is '.' or ',' && char.IsAsciiDigit(cursor.Next))
                {
                    cursor.Position++;
                    cursor.SkipDigits();
                }
            }
        }

        if (TryReadMeridiem(ref cursor, out var afternoon))
        {
            if (hour is < 1 or > 12) return false;
            hour = hour % 12 + (afternoon ? 12 : 0);
        }
        else if (!hasMinutes || hour > 23) return false;

        time = new ClockTime(hour, minute);
        return true;
    }

    /// <summary>AM, PM, a.m., p.m., a, p (any case, a space before allowed).</summary>
    private static bool TryReadMeridiem(ref TextCursor cursor, out bool afternoon)
    {
        var start = cursor.Position;
        cursor.SkipSpaces();
        var letter = char.ToLowerInvariant(cursor.Current);
        afternoon = letter == 'p';
        if (letter is 'a' or 'p')
        {
            cursor.Position++;
            cursor.TryConsume('.');
            if (cursor.Current is 'm' or 'M')
            {
                cursor.Position++;
                cursor.TryConsume('.');
            }
            if (!char.IsAsciiLetter(cursor.Current)) return true;
        }
        cursor.Position = start;
        return false;
    }

    /// <summary>An optional zone after the time: checked, then ignored (the wall-clock time is kept).</summary>
    public static bool TryReadZone(ref TextCursor cursor)
    {
        cursor.SkipSpaces();
        var name = cursor.ReadLetters();
        if (!name.IsEmpty && !IsZoneName(name)) return false;
        if (cursor.Current is '+' or '-' or '\u2212' && !TryReadOffset(ref cursor)) return false;

        cursor.SkipSpaces();
        if (cursor.Current == '(')
        {
            // A trailing comment such as JavaScript's "(Coordinated Universal Time)".
            if (cursor.Rest[^1] != ')') return false;
            cursor.Position += cursor.Rest.Length;
        }
        return true;
    }

    private static bool IsZoneName(ReadOnlySpan<char> name)
    {
        foreach (var zone in ZoneNames)
        {
            if (name.Equals(zone, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>+hh, +hhmm, +hh:mm, +h (after GMT); at most 18 hours.</summary>
    private static bool TryReadOffset(ref TextCursor cursor)
    {
        cursor.Position++;
        if (!cursor.TryReadNumber(out var value, out var digits)) return false;
        int hours, minutes = 0;
        switch (digits)
        {
            case 1 or 2:
                hours = value;
                if (cursor.TryConsume(':') && !cursor.TryReadNumber(2, out minutes)) return false;
                break;
            case 4:
                hours = value / 100;
                minutes = value % 100;
                break;
            default:
                return false;
        }
        return hours <= 18 && minutes <= 59;
    }
}
