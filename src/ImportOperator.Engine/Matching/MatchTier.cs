namespace ImportOperator.Engine.Matching;

/// <summary>How a column was matched to a field, strongest first (the order of section 6 of the contract).</summary>
public enum MatchTier
{
    ExactKey = 1,
    ExactLabel = 2,
    AlternateMatch = 3,
    Normalized = 4,
    Fuzzy = 5,
}
