using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary><c>required</c>: the cell must not be empty or blank.</summary>
internal sealed class RequiredValidator(int field, CellMessage failure) : FieldValidator(field, failure)
{
    public override void Validate(ImportRow row)
    {
        if (CellText.IsEmpty(row, Field)) Fail(row);
    }
}
