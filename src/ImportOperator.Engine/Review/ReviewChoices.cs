namespace ImportOperator.Engine.Review;

/// <summary>
/// What a person chose in review about the file's layout, replacing the engine's own detection: the header row
/// (0-based among the file's non-blank rows, like <c>settings.matchingStep.headerRowOverride</c>) and, when given,
/// the whole column mapping as field key → 0-based column index. A field missing from <see cref="ColumnsByField"/>
/// is left unmapped. One column per field (a manyToOne field mapped here reads that one column).
/// </summary>
public sealed record ReviewChoices
{
    public int? HeaderRow { get; init; }

    public IReadOnlyDictionary<string, int>? ColumnsByField { get; init; }

    public static readonly ReviewChoices None = new();

    /// <summary>A short stable text naming these choices (the cache key of a materialised table).</summary>
    public string Fingerprint()
    {
        var mapping = ColumnsByField is null ? "auto"
            : string.Join(",", ColumnsByField.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
        var text = $"h={HeaderRow?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "auto"};m={mapping}";
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }
}
