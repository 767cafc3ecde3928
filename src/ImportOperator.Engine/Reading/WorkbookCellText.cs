using System.Globalization;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Turns a workbook cell's value into the text a person would type for it, culture-invariant: 42 not 42.0,
/// 0.1 not 0.1000000000000000055, dates as ISO 8601, booleans as true/false.
/// </summary>
internal static class WorkbookCellText
{
    // Doubles are exact integers up to 2^53; beyond 1e15 the shortest round-trip form is the honest one.
    private const double LargestPlainInteger = 1e15;

    // Excel's day zero: a value shown with a time-only format is a fraction of a day after it.
    private static readonly DateTime ExcelDayZero = new(1899, 12, 30);

    public static string Format(object? value) => value switch
    {
        null => "",
        string text => text,
        double number => Number(number),
        bool flag => flag ? "true" : "false",
        DateTime moment => Date(moment),
        TimeSpan time => Time(time),
        IFormattable other => other.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Number(double number)
    {
        if (double.IsFinite(number) && Math.Abs(number) < LargestPlainInteger && number == Math.Floor(number))
        {
            return ((long)number).ToString(CultureInfo.InvariantCulture);
        }

        return number.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Date(DateTime moment)
    {
        // Stored as a fraction of a day, a time such as 13:45:30 comes back a hair off: round to the second.
        var rounded = new DateTime((moment.Ticks + TimeSpan.TicksPerSecond / 2) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
        if (rounded.Date == ExcelDayZero && rounded.TimeOfDay != TimeSpan.Zero)
        {
            return rounded.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        }

        return rounded.TimeOfDay == TimeSpan.Zero
            ? rounded.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : rounded.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static string Time(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}");
}
