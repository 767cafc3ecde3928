using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>datetime: a date with an optional time (midnight when absent) → "YYYY-MM-DDTHH:mm", zone dropped.</summary>
internal sealed class DateTimeParser(DayMonthOrder order) : IFieldTypeParser
{
    public static IFieldTypeParser? Create(TypeOptions? options, string optionsPath, SchemaProblems problems) =>
        DateOptions.TryReadOrder(options, optionsPath, problems, out var order) ? new DateTimeParser(order) : null;

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        if (!DateTimeText.TryReadDateTime(text, order, out var date, out var time))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid date and time");
            return false;
        }
        var moment = (Date: date, Time: time ?? default);
        result = CellValue.FromString(string.Create(16, moment, static (span, value) =>
        {
            value.Date.WriteTo(span);
            span[10] = 'T';
            value.Time.WriteTo(span[11..]);
        }));
        error = null;
        return true;
    }
}
