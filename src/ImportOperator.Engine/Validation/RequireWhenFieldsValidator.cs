using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// require_with (any other field filled in), require_without (any empty), require_with_all (all filled in),
/// require_without_all (all empty).
/// </summary>
internal sealed class RequireWhenFieldsValidator(
    int field, CellMessage failure, int[] otherFields, bool whenFilled, bool whenAll)
    : ConditionalRequiredValidator(field, failure, whenAll)
{
    protected override int ConditionCount => otherFields.Length;

    protected override bool ConditionHolds(ImportRow row, int condition) =>
        CellText.IsEmpty(row, otherFields[condition]) != whenFilled;
}
