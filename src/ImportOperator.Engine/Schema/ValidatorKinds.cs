namespace ImportOperator.Engine.Schema;

/// <summary>The names of the 16 validators, exactly as they are written in manifests (Dromo's names).</summary>
public static class ValidatorKinds
{
    public const string Required = "required";
    public const string Unique = "unique";
    public const string UniqueCaseInsensitive = "unique_case_insensitive";
    public const string UniqueWith = "unique_with";
    public const string RegexMatch = "regex_match";
    public const string RegexExclude = "regex_exclude";
    public const string RequireWith = "require_with";
    public const string RequireWithout = "require_without";
    public const string RequireWithAll = "require_with_all";
    public const string RequireWithoutAll = "require_without_all";
    public const string RequireWithValues = "require_with_values";
    public const string RequireWithoutValues = "require_without_values";
    public const string RequireWithAllValues = "require_with_all_values";
    public const string RequireWithoutAllValues = "require_without_all_values";
    public const string Length = "length";
    public const string Alphabetical = "alphabetical";

    public static readonly IReadOnlyList<string> All =
    [
        Required, Unique, UniqueCaseInsensitive, UniqueWith, RegexMatch, RegexExclude,
        RequireWith, RequireWithout, RequireWithAll, RequireWithoutAll,
        RequireWithValues, RequireWithoutValues, RequireWithAllValues, RequireWithoutAllValues,
        Length, Alphabetical,
    ];
}
