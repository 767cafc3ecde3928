using ImportOperator.Engine.Validation;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Review;

/// <summary>
/// Re-evaluates rows on the server: parse every cell, run the row-local validators, and (when a tracker is given,
/// after it observed every row) flag duplicates. An edit also runs the row hooks and bulk row hooks in
/// <c>update</c> mode, as Dromo does after a person changes a row.
/// </summary>
public static class ReviewRowEvaluator
{
    internal static ReviewRow Evaluate(CompiledSchema schema, ImportRow row, IUniquenessTracker? tracker)
    {
        schema.CellParser.ParseAll(row);
        row.ClearChanged();
        row.ClearValidatorMessages();
        schema.Validation.ValidateRow(row);
        tracker?.Flag(row);
        return ReviewRow.From(row);
    }

    /// <summary>
    /// Applies a person's edit to <paramref name="current"/> (field key → the new cell text) and returns the row as
    /// re-parsed, re-hooked in update mode and re-validated. Uniqueness across rows is checked again at finish.
    /// </summary>
    /// <exception cref="ReviewChoiceException">An edit names a field the schema does not have.</exception>
    public static ReviewRow Edit(CompiledSchema schema, ReviewRow current, IReadOnlyDictionary<string, string?> values)
    {
        var row = current.ToImportRow(current.Index);
        foreach (var (key, text) in values)
        {
            var field = IndexOf(schema, key);
            if (schema.Fields[field].ReadOnly == true)
                throw new ReviewChoiceException($"Field '{key}' is read-only; its cells cannot be edited.");
            row.Values[field] = CellValue.FromString(text ?? "");
        }
        schema.CellParser.ParseAll(row);
        row.ClearChanged();
        if (schema.Hooks.HasRowHooks) schema.Hooks.RunRowHooks([row], HookMode.Update);
        if (schema.Hooks.HasBulkRowHooks) schema.Hooks.RunBulkRowHooks([row], HookMode.Update);
        return Evaluate(schema, row, null);
    }

    private static int IndexOf(CompiledSchema schema, string key)
    {
        for (var i = 0; i < schema.Fields.Count; i++) if (schema.Fields[i].Key == key) return i;
        throw new ReviewChoiceException($"The edit names field '{key}', which the schema does not have.");
    }
}
