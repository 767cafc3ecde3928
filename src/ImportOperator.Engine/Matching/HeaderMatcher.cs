using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Matching;

/// <summary>
/// Maps header cells to fields in the contract's order: exact key; exact label; alternateMatches; the same after
/// normalising both sides; then, when fuzzy matching is on, the most similar field at or above
/// <see cref="FuzzyThreshold"/>. A stronger tier always wins over a weaker one wherever the columns stand; within
/// a tier, columns are taken left to right. A field takes one column unless it is manyToOne.
/// </summary>
public static class HeaderMatcher
{
    /// <summary>
    /// The <see cref="StringSimilarity.Similarity"/> of normalised names a fuzzy match needs: 0.8, at most one
    /// typo per five letters. It accepts "emial" for email and "compnay" for company, and refuses "status" for
    /// state and any one-letter change of a name of four letters or fewer ("age" vs "page"), where a typo and a
    /// different word cannot be told apart.
    /// </summary>
    public const double FuzzyThreshold = 0.8;

    public static ColumnMapping Match(IReadOnlyList<string> headers, IReadOnlyList<FieldDefinition> fields, bool fuzzy)
    {
        var names = fields.Select(FieldNames.Of).ToArray();
        var normalizedHeaders = headers.Select(HeaderNormalizer.Normalize).ToArray();
        var columnsByField = fields.Select(_ => new List<int>()).ToArray();
        var tierByField = new MatchTier?[fields.Count];
        var columnTaken = new bool[headers.Count];

        void Assign(int column, int field, MatchTier tier)
        {
            columnTaken[column] = true;
            columnsByField[field].Add(column);
            tierByField[field] ??= tier;
        }

        bool FieldOpen(int field) => columnsByField[field].Count == 0 || fields[field].ManyToOne == true;

        foreach (var tier in new[] { MatchTier.ExactKey, MatchTier.ExactLabel, MatchTier.AlternateMatch, MatchTier.Normalized })
        {
            for (var column = 0; column < headers.Count; column++)
            {
                if (columnTaken[column] || headers[column].Length == 0) continue;
                for (var field = 0; field < fields.Count; field++)
                {
                    if (!FieldOpen(field) || !names[field].Matches(tier, headers[column], normalizedHeaders[column])) continue;
                    Assign(column, field, tier);
                    break;
                }
            }
        }

        if (fuzzy) MatchFuzzy(headers, normalizedHeaders, names, columnTaken, FieldOpen, Assign);

        return new ColumnMapping(headers, columnsByField.Select(list => list.Order().ToArray()).ToArray(), tierByField);
    }

    /// <summary>Pairs the remaining columns and fields by descending similarity, so the best pair wins a contested field.</summary>
    private static void MatchFuzzy(IReadOnlyList<string> headers, string[] normalizedHeaders, FieldNames[] names,
        bool[] columnTaken, Func<int, bool> fieldOpen, Action<int, int, MatchTier> assign)
    {
        var candidates = new List<(double Score, int Column, int Field)>();
        for (var column = 0; column < headers.Count; column++)
        {
            if (columnTaken[column] || normalizedHeaders[column].Length == 0) continue;
            for (var field = 0; field < names.Length; field++)
            {
                if (!fieldOpen(field)) continue;
                var score = names[field].BestSimilarity(normalizedHeaders[column]);
                if (score >= FuzzyThreshold) candidates.Add((score, column, field));
            }
        }
        foreach (var (_, column, field) in candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Column).ThenBy(c => c.Field))
        {
            if (columnTaken[column] || !fieldOpen(field)) continue;
            assign(column, field, MatchTier.Fuzzy);
        }
    }
}
