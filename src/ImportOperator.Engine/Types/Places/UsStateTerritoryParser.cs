using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>us-state-territory: "CA", "US-CA", "California" (any case, dots and spaces ignored) → "CA".</summary>
internal sealed class UsStateTerritoryParser : IFieldTypeParser
{
    public static readonly UsStateTerritoryParser Instance = new();

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        var name = text.AsSpan().Trim();
        // ISO 3166-2 form: "US-CA" (also "US CA"); checked first so that "US" alone is not read as a state.
        if (name.Length == 5 && name.StartsWith("US", StringComparison.OrdinalIgnoreCase) && name[2] is '-' or ' ') name = name[3..];

        if (!UsStates.Index.TryFind(name, out var state))
        {
            result = default;
            error = ParseMessages.NotA(text, "a US state or territory");
            return false;
        }
        result = CellValue.FromString(state.Code);
        error = null;
        return true;
    }
}
