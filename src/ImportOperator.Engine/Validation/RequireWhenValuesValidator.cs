using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// require_with_values (any listed field has its value), require_without_values (any does not),
/// require_with_all_values (all have), require_without_all_values (none has).
/// </summary>
internal sealed class RequireWhenValuesValidator(
    int field, CellMessage failure, FieldValueCondition[] conditions, bool whenHas, bool whenAll)
    : ConditionalRequiredValidator(field, failure, whenAll)
{
    protected override int ConditionCount => conditions.Length;

    protected override bool ConditionHolds(ImportRow row, int condition) =>
        conditions[condition].Holds(row) == whenHas;
}
