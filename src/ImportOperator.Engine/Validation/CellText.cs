using System.Globalization;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// The text a validator reads from a cell, produced without allocating for strings, numbers and booleans so that
/// validators can run on millions of rows.
/// </summary>
internal static class CellText
{
    /// <summary>Enough characters for any double in round-trip form (e.g. -1.2345678901234567E-308).</summary>
    public const int ScratchLength = 32;

    /// <summary>
    /// The result value's text when the cell parsed, else the raw value's text. A parsed cell whose result is
    /// still null (never typed, or an empty cell) falls back to the raw text, which is then empty or the truth.
    /// </summary>
    public static ReadOnlySpan<char> Read(ImportRow row, int field, Span<char> scratch)
    {
        if (row.ParseErrors[field] is null && !row.Results[field].IsNull) return Format(row.Results[field], scratch);
        return Format(row.Values[field], scratch);
    }

    /// <summary>Same text as <see cref="CellValue.ToText"/>; arrays (manyToOne, multi-select) allocate.</summary>
    public static ReadOnlySpan<char> Format(in CellValue value, Span<char> scratch)
    {
        switch (value.Kind)
        {
            case CellValueKind.String:
                return value.StringValue;
            case CellValueKind.Number:
                return value.NumberValue.TryFormat(scratch, out var written, "R", CultureInfo.InvariantCulture)
                    ? scratch[..written]
                    : value.ToText();
            case CellValueKind.Boolean:
                return value.BooleanValue ? "true" : "false";
            case CellValueKind.Array:
                return value.ToText();
            default:
                return [];
        }
    }

    /// <summary>True when the field's raw value is empty or blank: what "empty" means for every validator.</summary>
    public static bool IsEmpty(ImportRow row, int field) => row.Values[field].IsEmpty;
}
