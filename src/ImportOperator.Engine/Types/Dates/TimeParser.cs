using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>time: a time of day ("14:05", "2:05 PM", "2pm", or a date-time's time) → "HH:mm".</summary>
internal sealed class TimeParser : IFieldTypeParser
{
    public static readonly TimeParser Instance = new();

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        if (!DateTimeText.TryReadTime(text, out var time))
        {
            result = default;
            error = ParseMessages.NotA(text, "a valid time");
            return false;
        }
        result = CellValue.FromString(string.Create(5, time, static (span, value) => value.WriteTo(span)));
        error = null;
        return true;
    }
}
