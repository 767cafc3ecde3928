namespace ImportOperator.Engine.Types;

/// <summary>A valid calendar date (proleptic Gregorian, years 1-9999).</summary>
internal readonly record struct CalendarDate(int Year, int Month, int Day)
{
    public static bool TryCreate(int year, int month, int day, out CalendarDate date)
    {
        date = default;
        if (year is < 1 or > 9999 || month is < 1 or > 12) return false;
        if (day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new CalendarDate(year, month, day);
        return true;
    }

    /// <summary>Writes "YYYY-MM-DD" (10 characters).</summary>
    public void WriteTo(Span<char> destination)
    {
        Digits.Write(destination, Year, 4);
        destination[4] = '-';
        Digits.Write(destination[5..], Month, 2);
        destination[7] = '-';
        Digits.Write(destination[8..], Day, 2);
    }
}
