using System.Globalization;
using System.Text;

namespace ImportOperator.Engine.Validation;

/// <summary>
/// The default (English, user-facing) message of each validator, used when the validator has no errorMessage.
/// docs/validators.md lists them; keep the two in step.
/// </summary>
internal static class DefaultMessages
{
    public const string Required = "This field is required.";

    public const string Alphabetical = "Must contain letters only.";

    public static string Unique(string value, string fieldLabel) =>
        $"'{Shorten(value)}' appears more than once in {fieldLabel}.";

    public static string UniqueCaseInsensitive(string value, string fieldLabel) =>
        $"'{Shorten(value)}' appears more than once in {fieldLabel} (ignoring case).";

    /// <summary>"The combination of First name 'Ann', Last name 'Lee' appears more than once."</summary>
    public static string UniqueWith(IReadOnlyList<(string Label, string Value)> parts)
    {
        var text = new StringBuilder("The combination of ");
        for (var i = 0; i < parts.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(parts[i].Label).Append(" '").Append(Shorten(parts[i].Value)).Append('\'');
        }
        return text.Append(" appears more than once.").ToString();
    }

    public static string RegexMatch(string pattern) => $"Must match {pattern}.";

    public static string RegexExclude(string pattern) => $"Must not match {pattern}.";

    public static string RegexTimedOut(string pattern) =>
        $"Could not be checked against {pattern}: the match took longer than " +
        $"{EcmaScriptRegex.MatchTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms.";

    /// <summary>require_with / require_without / require_with_all / require_without_all.</summary>
    public static string RequireWhenFields(IReadOnlyList<string> labels, bool whenFilled, bool whenAll)
    {
        var state = whenFilled ? "filled in" : "empty";
        if (labels.Count == 1) return $"Required when {labels[0]} is {state}.";
        var list = string.Join(", ", labels);
        return whenAll ? $"Required when {list} are all {state}." : $"Required when any of {list} is {state}.";
    }

    /// <summary>
    /// The require_*_values family, e.g. "Required when Country is 'US' or State is 'CA'.",
    /// "Required when Country is not 'US' and State is not one of 'CA', 'NY'."
    /// </summary>
    public static string RequireWhenValues(
        IReadOnlyList<(string Label, IReadOnlyList<string> Values)> conditions, bool whenHas, bool whenAll)
    {
        var text = new StringBuilder("Required when ");
        var joiner = whenAll ? " and " : " or ";
        for (var i = 0; i < conditions.Count; i++)
        {
            if (i > 0) text.Append(joiner);
            var (label, values) = conditions[i];
            text.Append(label).Append(whenHas ? " is " : " is not ");
            if (values.Count == 1) text.Append(Quote(values[0]));
            else
            {
                text.Append("one of ");
                for (var v = 0; v < values.Count; v++) text.Append(v > 0 ? ", " : "").Append(Quote(values[v]));
            }
        }
        return text.Append('.').ToString();
    }

    public static string Length(int? min, int? max) => (min, max) switch
    {
        ({ } low, { } high) when low == high => $"Must be exactly {Characters(low)}.",
        ({ } low, { } high) => $"Must be between {low} and {high} characters.",
        ({ } low, null) => $"Must be at least {Characters(low)}.",
        (null, { } high) => $"Must be at most {Characters(high)}.",
        _ => "Has the wrong length.",
    };

    private static string Characters(int count) => count == 1 ? "1 character" : $"{count} characters";

    /// <summary>Longest value quoted in a message; a longer one is cut, so a huge cell cannot bloat every message.</summary>
    public const int MaxQuotedLength = 100;

    private static string Shorten(string value)
    {
        if (value.Length <= MaxQuotedLength) return value;
        var cut = MaxQuotedLength - 1;
        if (char.IsHighSurrogate(value[cut - 1])) cut--; // never split a surrogate pair
        return string.Concat(value.AsSpan(0, cut), "…");
    }

    private static string Quote(string value) => value.Length == 0 ? "empty" : $"'{value}'";
}
