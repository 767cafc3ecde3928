using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Matching;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Decides whether a column mapping can go on without a person: some column must match some field, every
/// requireMapping field must have a column, and a field must not be claimed by two columns with the same header
/// (which of the two holds the data only a person can tell, so neither is dropped silently).
/// </summary>
internal static class MappingRules
{
    public static void Check(ColumnMapping mapping, IReadOnlyList<FieldDefinition> fields, string fileName)
    {
        var headers = mapping.Headers;
        if (!Enumerable.Range(0, fields.Count).Any(mapping.IsMapped))
            throw new NeedsReviewException(OutcomeReasons.UnmappedColumns,
                $"{fileName}: no column matches any field (columns: {Quote(headers.Where(h => h.Length > 0))}; " +
                $"fields: {Quote(fields.Select(f => f.Label))}); map the columns in review.");

        var missing = fields.Where((field, i) => field.RequireMapping == true && !mapping.IsMapped(i)).ToList();
        if (missing.Count > 0)
            throw new NeedsReviewException(OutcomeReasons.UnmappedColumns,
                $"{fileName}: no column matches the required field{(missing.Count > 1 ? "s" : "")} " +
                $"{string.Join(", ", missing.Select(f => $"'{f.Label}' ({f.Key})"))}; map {(missing.Count > 1 ? "them" : "it")} in review " +
                $"(unmapped columns: {Quote(mapping.UnmappedColumns.Select(c => headers[c]).Where(h => h.Length > 0))}).");

        for (var field = 0; field < fields.Count; field++)
        {
            if (fields[field].ManyToOne == true || !mapping.IsMapped(field)) continue;
            var column = mapping.ColumnsByField[field][0];
            var twin = mapping.UnmappedColumns.FirstOrDefault(c => c != column &&
                string.Equals(headers[c], headers[column], StringComparison.OrdinalIgnoreCase), -1);
            if (twin < 0) continue;
            throw new NeedsReviewException(OutcomeReasons.DuplicateHeaders,
                $"{fileName}: columns {column + 1} and {twin + 1} are both named '{headers[column]}' and both match field " +
                $"'{fields[field].Label}' ({fields[field].Key}); choose the column in review, rename one, or make the field manyToOne.");
        }
    }

    private static string Quote(IEnumerable<string> names)
    {
        var list = names.Take(20).Select(n => $"'{n}'").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }
}
