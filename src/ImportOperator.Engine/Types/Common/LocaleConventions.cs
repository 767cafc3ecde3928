namespace ImportOperator.Engine.Types;

/// <summary>Which of two numbers comes first in an all-numeric date such as 01/02/2024.</summary>
internal enum DayMonthOrder : byte { MonthFirst, DayFirst }

/// <summary>
/// What a locale name means to the number and date types: the decimal separator (the group separators follow
/// from it) and the order of day and month. The engine runs with invariant globalization, so these are ours.
/// </summary>
internal sealed record LocaleConventions(string Name, char DecimalSeparator, DayMonthOrder DateOrder, bool IndianGrouping = false)
{
    /// <summary>Separators between digit groups: never the decimal separator, always the spaces.</summary>
    public string GroupSeparators => DecimalSeparator == ','
        ? ". \u00A0\u202F"
        : ", \u00A0\u202F'\u2019";
}
