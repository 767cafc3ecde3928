using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Matching;

/// <summary>The names a field answers to (key, label, alternateMatches), raw and normalised, for matching.</summary>
internal sealed class FieldNames
{
    private readonly string _key;
    private readonly string _label;
    private readonly string[] _alternates;
    private readonly string[] _normalized;

    private FieldNames(FieldDefinition field)
    {
        _key = field.Key.Trim();
        _label = field.Label.Trim();
        _alternates = (field.AlternateMatches ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).ToArray();
        _normalized = new[] { _key, _label }.Concat(_alternates).Select(HeaderNormalizer.Normalize)
            .Where(n => n.Length > 0).Distinct().ToArray();
    }

    public static FieldNames Of(FieldDefinition field) => new(field);

    public bool Matches(MatchTier tier, string header, string normalizedHeader) => tier switch
    {
        MatchTier.ExactKey => header == _key,
        MatchTier.ExactLabel => header == _label,
        // Aliases are written by people for people: a difference of case alone is not a different name.
        MatchTier.AlternateMatch => _alternates.Any(a => string.Equals(a, header, StringComparison.OrdinalIgnoreCase)),
        MatchTier.Normalized => normalizedHeader.Length > 0 && _normalized.Contains(normalizedHeader),
        _ => false,
    };

    public double BestSimilarity(string normalizedHeader) =>
        _normalized.Length == 0 ? 0 : _normalized.Max(name => StringSimilarity.Similarity(name, normalizedHeader));
}
