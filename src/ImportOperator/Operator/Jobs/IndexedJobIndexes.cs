using System.Globalization;

namespace ImportOperator.Operator.Jobs;

/// <summary>
/// An Indexed Job's status.completedIndexes (and failedIndexes): ascending intervals such as <c>0-2,4,6-7</c>, as the
/// Job controller writes them.
/// </summary>
public static class IndexedJobIndexes
{
    /// <summary>The indexes listed; empty for null, empty or malformed text (progress only: never fatal).</summary>
    public static IReadOnlySet<int> Parse(string? text)
    {
        var indexes = new HashSet<int>();
        if (string.IsNullOrWhiteSpace(text)) return indexes;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (!TryIndex(part, out var single)) return new HashSet<int>();
                indexes.Add(single);
                continue;
            }
            if (!TryIndex(part[..dash], out var first) || !TryIndex(part[(dash + 1)..], out var last) || last < first) return new HashSet<int>();
            for (var i = first; i <= last; i++) indexes.Add(i);
        }
        return indexes;
    }

    /// <summary>The controller's form of a set of indexes: ascending, consecutive runs as <c>a-b</c>.</summary>
    public static string Format(IEnumerable<int> indexes)
    {
        var sorted = indexes.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? Text(sorted[i]) : Text(sorted[i]) + "-" + Text(sorted[j]));
            i = j + 1;
        }
        return string.Join(",", parts);
    }

    static bool TryIndex(string text, out int index) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index);

    static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
