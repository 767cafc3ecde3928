namespace ImportOperator.Engine.Matching;

/// <summary>
/// Similarity of two normalised names: 1 − (optimal-string-alignment edit distance ÷ the longer length).
/// Edits are insertions, deletions, substitutions and swaps of neighbours, so the usual header typos
/// ("emial", "adress", "compnay") cost one edit each.
/// </summary>
public static class StringSimilarity
{
    public static double Similarity(string a, string b)
    {
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0) return 1;
        return 1.0 - (double)EditDistance(a, b) / longer;
    }

    /// <summary>Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring).</summary>
    public static int EditDistance(string a, string b)
    {
        var previousPrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    best = Math.Min(best, previousPrevious[j - 2] + 1);
                current[j] = best;
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious);
        }
        return previous[b.Length];
    }
}
