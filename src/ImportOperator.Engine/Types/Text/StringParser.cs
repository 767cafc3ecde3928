using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>string: the cell text exactly as given (no trimming; the pipeline handles empty cells).</summary>
internal sealed class StringParser : IFieldTypeParser
{
    public static readonly StringParser Instance = new();

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        result = CellValue.FromString(text);
        error = null;
        return true;
    }
}
