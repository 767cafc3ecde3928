using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Validation;

/// <summary>The validators of a schema, compiled once (the validation helper fills this in).</summary>
public sealed class ValidationPlan
{
    /// <summary>Compiles every field's validators; problems are added with paths like fields[1].validators[0].regex.</summary>
    public static ValidationPlan Build(IReadOnlyList<FieldDefinition> fields, SchemaProblems problems) =>
        throw new NotImplementedException();

    /// <summary>True when some field has a unique, unique_case_insensitive or unique_with validator.</summary>
    public bool HasUniqueness => throw new NotImplementedException();

    /// <summary>Runs the row-local validators (all but the unique family) and adds their messages to the row.</summary>
    public void ValidateRow(ImportRow row) => throw new NotImplementedException();

    /// <summary>A fresh tracker for the unique family: Observe every row first, then Flag every row.</summary>
    public IUniquenessTracker CreateUniquenessTracker() => throw new NotImplementedException();
}

/// <summary>Two-phase check of the unique family of validators over all rows of an import.</summary>
public interface IUniquenessTracker
{
    /// <summary>First phase: remember the row's values (called once per row, in row order).</summary>
    void Observe(ImportRow row);

    /// <summary>Second phase: add a message to each cell whose value occurs more than once (the first too).</summary>
    void Flag(ImportRow row);
}
