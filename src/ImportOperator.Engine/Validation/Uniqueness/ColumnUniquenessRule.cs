using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Validation.Uniqueness;

/// <summary><c>unique</c> and <c>unique_case_insensitive</c>: the non-empty values of one column.</summary>
internal sealed class ColumnUniquenessRule(
    int field, string fieldLabel, bool ignoreCase, string? errorMessage, MessageLevel level) : UniquenessRule
{
    public override bool TryBuildKey(ImportRow row, KeyBuffer key)
    {
        if (CellText.IsEmpty(row, field)) return false;
        key.Clear();
        var text = CellText.Read(row, field, key.NumberScratch);
        if (ignoreCase) key.AppendUpperInvariant(text);
        else key.Append(text);
        return true;
    }

    public override void Flag(ImportRow row)
    {
        var message = errorMessage;
        if (message is null)
        {
            var value = CellText.Read(row, field, stackalloc char[CellText.ScratchLength]).ToString();
            message = ignoreCase
                ? DefaultMessages.UniqueCaseInsensitive(value, fieldLabel)
                : DefaultMessages.Unique(value, fieldLabel);
        }
        row.AddValidatorMessage(field, new CellMessage(message, level));
    }
}
