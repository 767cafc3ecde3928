using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>checkbox: false for 0, off, n, no, false, disabled (any case, trimmed); anything else is true.</summary>
internal sealed class CheckboxParser : IFieldTypeParser
{
    public static readonly CheckboxParser Instance = new();

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        result = CellValue.FromBoolean(!IsFalse(text.AsSpan().Trim()));
        error = null;
        return true;
    }

    private static bool IsFalse(ReadOnlySpan<char> text) => text.Length switch
    {
        1 => text[0] is '0' or 'n' or 'N',
        2 => text.Equals("no", StringComparison.OrdinalIgnoreCase),
        3 => text.Equals("off", StringComparison.OrdinalIgnoreCase),
        5 => text.Equals("false", StringComparison.OrdinalIgnoreCase),
        8 => text.Equals("disabled", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
