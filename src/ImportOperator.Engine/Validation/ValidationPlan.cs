using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Validation.Uniqueness;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// The validators of a schema, compiled once: field keys resolved to positions, regexes compiled, messages built.
/// Immutable, so <see cref="ValidateRow"/> may run on several threads at once (on different rows).
/// </summary>
public sealed class ValidationPlan
{
    private readonly FieldValidator[] _rowValidators;
    private readonly UniquenessRule[] _uniquenessRules;

    internal ValidationPlan(FieldValidator[] rowValidators, UniquenessRule[] uniquenessRules)
    {
        _rowValidators = rowValidators;
        _uniquenessRules = uniquenessRules;
    }

    /// <summary>Compiles every field's validators; problems are added with paths like fields[1].validators[0].regex.</summary>
    /// <remarks>A validator with a problem is left out of the plan; the caller decides by <see cref="SchemaProblems.Any"/>.</remarks>
    public static ValidationPlan Build(IReadOnlyList<FieldDefinition> fields, SchemaProblems problems) =>
        ValidationPlanBuilder.Build(fields, problems);

    /// <summary>True when some field has a unique, unique_case_insensitive or unique_with validator.</summary>
    public bool HasUniqueness => _uniquenessRules.Length > 0;

    /// <summary>True when there are row-local validators, i.e. <see cref="ValidateRow"/> can add messages.</summary>
    public bool HasRowValidators => _rowValidators.Length > 0;

    /// <summary>Runs the row-local validators (all but the unique family) and adds their messages to the row.</summary>
    public void ValidateRow(ImportRow row)
    {
        foreach (var validator in _rowValidators) validator.Validate(row);
    }

    /// <summary>A fresh tracker for the unique family: Observe every row first, then Flag every row.</summary>
    public IUniquenessTracker CreateUniquenessTracker() => new UniquenessTracker(_uniquenessRules);

    /// <summary>
    /// The import pipeline's tracker, with the same verdicts at ~16 bytes per distinct value instead of the value's
    /// text: Observe every row, then Flag each observed row exactly once, in the order observed (the rows read back
    /// from a spill). For rows flagged in any order or more than once (the review app), use
    /// <see cref="CreateUniquenessTracker"/>.
    /// </summary>
    public IUniquenessTracker CreateInOrderUniquenessTracker() =>
        new InOrderUniquenessTracker(_uniquenessRules, KeyFingerprint.Of);

    internal IReadOnlyList<FieldValidator> RowValidators => _rowValidators;

    internal IReadOnlyList<UniquenessRule> UniquenessRules => _uniquenessRules;
}

/// <summary>Two-phase check of the unique family of validators over all rows of an import.</summary>
public interface IUniquenessTracker
{
    /// <summary>First phase: remember the row's values (called once per row, in row order).</summary>
    void Observe(ImportRow row);

    /// <summary>Second phase: add a message to each cell whose value occurs more than once (the first too).</summary>
    void Flag(ImportRow row);
}
