using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>date: any date <see cref="DateTimeText"/> reads (a time part is checked and dropped) → "YYYY-MM-DD".</summary>
internal sealed class DateParser(DayMonthOrder order) : IFieldTypeParser
{
    public static IFieldTypeParser? Create(TypeOptions? options, string optionsPath, SchemaProblems problems) =>
        DateOptions.TryReadOrder(options, optionsPath, problems, out var order) ? new DateParser(order) : null;

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        if (!DateTimeText.TryReadDateTime(text, order, out var date, out _))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid date");
            return false;
        }
        result = CellValue.FromString(string.Create(10, date, static (span, value) => value.WriteTo(span)));
        error = null;
        return true;
    }
}
