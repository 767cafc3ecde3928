using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>typeOptions.locale of the date types: only the order of day and month matters.</summary>
internal static class DateOptions
{
    public static bool TryReadOrder(TypeOptions? options, string optionsPath, SchemaProblems problems, out DayMonthOrder order)
    {
        order = Locales.Default.DateOrder;
        if (options?.Locale is not { } name) return true;
        if (Locales.TryGet(name, out var locale))
        {
            order = locale.DateOrder;
            return true;
        }
        problems.Add(optionsPath + ".locale", Locales.UnknownLocaleMessage(name));
        return false;
    }
}
