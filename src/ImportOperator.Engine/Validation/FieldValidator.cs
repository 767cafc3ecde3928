using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// One row-local validator of one field, compiled from the schema. Immutable: one instance checks every row,
/// from any number of threads at once.
/// </summary>
internal abstract class FieldValidator(int field, CellMessage failure)
{
    /// <summary>Position of the validated field in the schema (and in the row's arrays).</summary>
    public int Field { get; } = field;

    /// <summary>The message added when the rule fails: built once so that a failure costs no string work.</summary>
    public CellMessage Failure { get; } = failure;

    /// <summary>Checks the row's cell and adds <see cref="Failure"/> (or a more specific message) when it fails.</summary>
    public abstract void Validate(ImportRow row);

    protected void Fail(ImportRow row) => row.AddValidatorMessage(Field, Failure);
}
