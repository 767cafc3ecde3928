using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// The require_* family: the cell is required when conditions on other fields of the row hold — any of them
/// (require_with, require_without, ..._values) or all of them (..._all, ..._all_values).
/// </summary>
internal abstract class ConditionalRequiredValidator(int field, CellMessage failure, bool whenAll)
    : FieldValidator(field, failure)
{
    /// <summary>True when every condition must hold; false when any one is enough.</summary>
    public bool WhenAll { get; } = whenAll;

    protected abstract int ConditionCount { get; }

    protected abstract bool ConditionHolds(ImportRow row, int condition);

    public override void Validate(ImportRow row)
    {
        if (CellText.IsEmpty(row, Field) && Applies(row)) Fail(row);
    }

    private bool Applies(ImportRow row)
    {
        for (var i = 0; i < ConditionCount; i++)
        {
            // "All" stops at the first condition that fails, "any" at the first that holds.
            if (ConditionHolds(row, i) != WhenAll) return !WhenAll;
        }
        return WhenAll;
    }
}
