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
/// <item>then optionally a time ("T", a space, a comma or "at" before it) as <see cref="ClockText"/> reads it.</item>
/// </list>
/// </summary>
internal static class DateTimeText
{
    private const int TwoDigitYearPivot = 30;

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
        if (!ClockText.TryReadClock(ref cursor, out var clock) || !ClockText.TryReadZone(ref cursor)) return false;
        time = clock;
        return cursor.AtEnd;
    }

    /// <summary>Reads a time of day alone ("14:05", "2pm"), or the time of a date-time.</summary>
    public static bool TryReadTime(ReadOnlySpan<char> text, out ClockTime time)
    {
        var cursor = new TextCursor(text.Trim());
        if (cursor.Current is 'T' or 't' && char.IsAsciiDigit(cursor.Next)) cursor.Position++;
        if (ClockText.TryReadClock(ref cursor, out time) && ClockText.TryReadZone(ref cursor) && cursor.AtEnd) return true;

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
}
