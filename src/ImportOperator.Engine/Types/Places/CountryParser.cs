using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>
/// country: an ISO 3166-1 alpha-2 or alpha-3 code, English short name or common alias (case-, accent- and
/// punctuation-insensitive) → the alpha-2 code, or alpha-3 with typeOptions.format "3-letter".
/// </summary>
internal sealed class CountryParser(bool threeLetter) : IFieldTypeParser
{
    public const string TwoLetterFormat = "2-letter";
    public const string ThreeLetterFormat = "3-letter";

    public static IFieldTypeParser? Create(TypeOptions? options, string optionsPath, SchemaProblems problems)
    {
        var format = options?.Format?.Trim();
        if (format is null || format.Equals(TwoLetterFormat, StringComparison.OrdinalIgnoreCase)) return new CountryParser(false);
        if (format.Equals(ThreeLetterFormat, StringComparison.OrdinalIgnoreCase)) return new CountryParser(true);
        problems.Add(optionsPath + ".format", $"unknown country format '{options!.Format}'; expected '{TwoLetterFormat}' or '{ThreeLetterFormat}'");
        return null;
    }

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        if (!Countries.Index.TryFind(text, out var country))
        {
            result = default;
            error = ParseMessages.NotA(text, "a known country");
            return false;
        }
        result = CellValue.FromString(threeLetter ? country.Alpha3 : country.Alpha2);
        error = null;
        return true;
    }
}
