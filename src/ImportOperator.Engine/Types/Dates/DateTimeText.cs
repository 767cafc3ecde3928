namespace ImportOperator.Engine.Types;

/// <summary>
/// Reads the dates and times people put in spreadsheets, without Regex and without culture data:
/// <list type="bullet">
/// <item>year first: 2024-03-27, 2024/3/27, 2024.03.27, 20240327, 2024-Mar-27;</item>
/// <item>all-numeric a/b/y with '/', '-' or '.': a number above 12 is the day; otherwise the order is the
/// locale's (month first by default), except that dots mean day first (27.03.2024, 01.02.2024 = 1 February);</item>
/// <item>month names: March 27, 2024 · Mar 27 2024 · 27 Mar 2024 · 27-Mar-24 · 27th March 2024;</item>
/// <item>a leading weekday (RFC 2822 "Wed, 27 Mar 2024 10:00:00 +0000", JavaScript "Wed Mar 27 2024 ...");</item>
/// <item>two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999 (the spreadsheet pivot);</item>
/// <item>then optionally a time ("T", a space, a comma or "at" before it): 14:05, 14:05:30.123, 2:05 PM, 2pm,
/// and a zone (Z, +02:00, +0200, -05, UTC, GMT+1, EST, "(Central European Summer Time)"), which is
/// checked and dropped: the wall-clock time is kept as written.</item>
/// </list>
/// </summary>
internal static class DateTimeText
{
    private const int TwoDigitYearPivot = 30;

    private static readonly string[] ZoneNames =
    [
        "z", "ut", "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "akdt", "hst",
        "wet", "west", "bst", "cet", "cest", "eet", "eest", "msk", "ist", "jst", "kst", "aest", "aedt", "nzst", "nzdt",
    ];

    /// <summary>Reads a date, optionally followed by a time; <paramref name="time"/> is null when there is none.</summary>
    public static bool TryReadDateTime(ReadOnlySpan<char> text, DayMonthOrder order, out CalendarDate date, out ClockTime? time)
    {
        time = null;
        var cursor = new TextCursor(text.Trim());
        SkipWeekday(ref cursor);
        if (!TryReadDate(ref cursor, order, out date)) return false;

        cursor.SkipSpaces();
        if (cursor.AtEnd) return true;
        SkipDateTimeSeparator(ref cursor);
        if (!TryReadClock(ref cursor, out var clock) || !TryReadZone(ref cursor)) return false;
        time = clock;
        return cursor.AtEnd;
    }

    /// <summary>Reads a time of day alone ("14:05", "2pm"), or the time of a date-time.</summary>
    public static bool TryReadTime(ReadOnlySpan<char> text, out ClockTime time)
    {
        var cursor = new TextCursor(text.Trim());
        if (cursor.Current is 'T' or 't' && char.IsAsciiDigit(cursor.Next)) cursor.Position++;
        if (TryReadClock(ref cursor, out time) && TryReadZone(ref cursor) && cursor.AtEnd) return true;

        if (TryReadDateTime(text, DayMonthOrder.MonthFirst, out _, out var dateTimeClock) && dateTimeClock is { } clock)
        {
            time = clock;
            return true;
        }
        return false;
    }

    private static void SkipWeekday(ref TextCursor cursor)
    {
        var start = cursor.Position;
        if (!DateWords.IsWeekday(cursor.ReadLetters()))
        {
            cursor.Position = start;
            return;
        }
        cursor.TryConsume('.');
        cursor.SkipSpaces();
        cursor.TryConsume(',');
        cursor.SkipSpaces();
    }

    private static void SkipDateTimeSeparator(ref TextCursor cursor)
    {
        if (cursor.Current is 'T' or 't' && char.IsAsciiDigit(cursor.Next))
        {
            cursor.Position++;
            return;
        }
        if (cursor.TryConsume(','))
        {
            cursor.SkipSpaces();
            return;
        }
        if (cursor.Rest.StartsWith("at ", StringComparison.OrdinalIgnoreCase))
        {
            cursor.Position += 3;
            cursor.SkipSpaces();
        }
    }

    private static bool TryReadDate(ref TextCursor cursor, DayMonthOrder order, out CalendarDate date)
    {
        date = default;
        if (!char.IsAsciiDigit(cursor.Current)) return TryReadMonthNameFirst(ref cursor, out date);

        cursor.TryReadNumber(out var first, out var digits);
        return digits switch
        {
            8 => CalendarDate.TryCreate(first / 10000, first / 100 % 100, first % 100, out date),
            4 => TryReadYearFirst(ref cursor, first, out date),
            1 or 2 => TryReadDayOrMonthFirst(ref cursor, first, order, out date),
            _ => false,
        };
    }

    /// <summary>2024-03-27, 2024/3/27, 2024.03.27, 2024-Mar-27 (the year already read).</summary>
    private static bool TryReadYearFirst(ref TextCursor cursor, int year, out CalendarDate date)
    {
        date = default;
        var separator = cursor.Current;
        if (separator is not ('-' or '/' or '.')) return false;
        cursor.Position++;

        int month;
        if (char.IsAsciiDigit(cursor.Current))
        {
            if (!cursor.TryReadNumber(out month, out var monthDigits) || monthDigits > 2) return false;
        }
        else if ((month = DateWords.Month(cursor.ReadLetters())) == 0) return false;

        if (!cursor.TryConsume(separator)) return false;
        if (!cursor.TryReadNumber(out var day, out var dayDigits) || dayDigits > 2) return false;
        return CalendarDate.TryCreate(year, month, day, out date);
    }

    /// <summary>03/27/2024, 27/03/2024, 27.03.2024, 27 Mar 2024, 27th March 2024 (the first number already read).</summary>
    private static bool TryReadDayOrMonthFirst(ref TextCursor cursor, int first, DayMonthOrder order, out CalendarDate date)
    {
        date = default;
        var separator = cursor.Current;
        if (separator is '-' or '/' or '.' && char.IsAsciiDigit(cursor.Next))
        {
            cursor.Position++;
            if (!cursor.TryReadNumber(out var second, out var secondDigits) || secondDigits > 2) return false;
            if (!cursor.TryConsume(separator) || !TryReadYear(ref cursor, out var year)) return false;
            var (month, day) = ResolveDayMonth(first, second, separator == '.' ? DayMonthOrder.DayFirst : order);
            return CalendarDate.TryCreate(year, month, day, out date);
        }

        // A day followed by a month name.
        SkipOrdinalSuffix(ref cursor);
        SkipDatePunctuation(ref cursor);
        var monthOfName = DateWords.Month(cursor.ReadLetters());
        if (monthOfName == 0) return false;
        cursor.TryConsume('.');
        SkipDatePunctuation(ref cursor);
        return TryReadYear(ref cursor, out var yearOfName) && CalendarDate.TryCreate(yearOfName, monthOfName, first, out date);
    }

    /// <summary>March 27, 2024 · Mar 27 2024 · Mar. 27th, 24.</summary>
    private static bool TryReadMonthNameFirst(ref TextCursor cursor, out CalendarDate date)
    {
        date = default;
        var month = DateWords.Month(cursor.ReadLetters());
        if (month == 0) return false;
        cursor.TryConsume('.');
        SkipDatePunctuation(ref cursor);
        if (!cursor.TryReadNumber(out var day, out var dayDigits) || dayDigits > 2) return false;
        SkipOrdinalSuffix(ref cursor);
        SkipDatePunctuation(ref cursor);
        return TryReadYear(ref cursor, out var year) && CalendarDate.TryCreate(year, month, day, out date);
    }

    /// <summary>A number above 12 can only be the day; otherwise the order decides.</summary>
    private static (int Month, int Day) ResolveDayMonth(int first, int second, DayMonthOrder order)
    {
        if (first > 12 && second <= 12) return (second, first);
        if (second > 12 && first <= 12) return (first, second);
        return order == DayMonthOrder.DayFirst ? (second, first) : (first, second);
    }

    private static bool TryReadYear(ref TextCursor cursor, out int year)
    {
        year = 0;
        if (!cursor.TryReadNumber(out var value, out var digits)) return false;
        year = digits switch
        {
            4 => value,
            2 => value < TwoDigitYearPivot ? 2000 + value : 1900 + value,
            _ => 0,
        };
        return year > 0;
    }

    private static void SkipOrdinalSuffix(ref TextCursor cursor)
    {
        var start = cursor.Position;
        var letters = cursor.ReadLetters();
        if (letters.Length == 2 && (letters.Equals("st", StringComparison.OrdinalIgnoreCase)
            || letters.Equals("nd", StringComparison.OrdinalIgnoreCase) || letters.Equals("rd", StringComparison.OrdinalIgnoreCase)
            || letters.Equals("th", StringComparison.OrdinalIgnoreCase))) return;
        cursor.Position = start;
    }

    private static void SkipDatePunctuation(ref TextCursor cursor)
    {
        while (cursor.Current is ' ' or '-' or '/' or '.' or ',' or '\u00A0') cursor.Position++;
    }

    /// <summary>H[:mm[:ss[.fff]]] with an optional AM/PM; without AM/PM the minutes are required.</summary>
    private static bool TryReadClock(ref TextCursor cursor, out ClockTime time)
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
    private static bool TryReadZone(ref TextCursor cursor)
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
