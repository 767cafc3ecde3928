using System.Globalization;
using System.Text;

namespace ImportOperator.Engine.Matching;

/// <summary>
/// Folds a header or a field name to the form used by the normalised and fuzzy matching tiers: lower case,
/// accents removed, and spaces, '_', '-' and punctuation dropped ("First_Name", "first name", "FIRST-NAME"
/// and "First Name:" all become "firstname").
/// </summary>
public static class HeaderNormalizer
{
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch)) builder.Append(char.ToLowerInvariant(ch));
        }
        return builder.ToString();
    }
}
