using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// "Field X has one of these values" for the require_*_values validators. The expected texts are trimmed once
/// at build time; a cell matches when its trimmed result text or raw text equals one of them, ignoring case
/// (an array value matches when any of its items does). An expected "" (or JSON null) matches an empty cell.
/// </summary>
internal sealed class FieldValueCondition(int field, string[] expected)
{
    public int Field { get; } = field;

    public IReadOnlyList<string> Expected { get; } = expected;

    public bool Holds(ImportRow row)
    {
        Span<char> scratch = stackalloc char[CellText.ScratchLength];
        if (row.ParseErrors[Field] is null && !row.Results[Field].IsNull && Matches(row.Results[Field], scratch))
            return true;
        return Matches(row.Values[Field], scratch);
    }

    private bool Matches(in CellValue value, Span<char> scratch)
    {
        if (value.Kind == CellValueKind.Array)
        {
            var items = value.ArrayValue;
            if (items.Count == 0) return MatchesText([]);
            for (var i = 0; i < items.Count; i++)
            {
                if (Matches(items[i], scratch)) return true;
            }
            return false;
        }
        return MatchesText(CellText.Format(value, scratch));
    }

    private bool MatchesText(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        foreach (var candidate in expected)
        {
            if (text.Equals(candidate, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
