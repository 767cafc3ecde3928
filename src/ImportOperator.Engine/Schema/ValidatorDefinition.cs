using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;

namespace ImportOperator.Engine.Schema;

/// <summary>One validation rule of a field: <c>validate</c> names the rule, the other properties are its parameters.</summary>
public sealed class ValidatorDefinition
{
    [Required]
    [AllowedValues(ValidatorKinds.Required, ValidatorKinds.Unique, ValidatorKinds.UniqueCaseInsensitive,
        ValidatorKinds.UniqueWith, ValidatorKinds.RegexMatch, ValidatorKinds.RegexExclude,
        ValidatorKinds.RequireWith, ValidatorKinds.RequireWithout, ValidatorKinds.RequireWithAll,
        ValidatorKinds.RequireWithoutAll, ValidatorKinds.RequireWithValues, ValidatorKinds.RequireWithoutValues,
        ValidatorKinds.RequireWithAllValues, ValidatorKinds.RequireWithoutAllValues, ValidatorKinds.Length,
        ValidatorKinds.Alphabetical)]
    [Description("The rule.")]
    public string Validate { get; set; } = "";

    [Description("Message shown instead of the rule's default message.")]
    public string? ErrorMessage { get; set; }

    [Description("error (default) makes the row invalid; warning and info only inform.")]
    public MessageLevel? Level { get; set; }

    [Description("regex_match, regex_exclude: an ECMAScript regular expression.")]
    public string? Regex { get; set; }

    [Description("regex_match, regex_exclude: flags of the regular expression.")]
    public RegexOptionsDefinition? RegexOptions { get; set; }

    [Description("require_with, require_without, require_with_all, require_without_all: keys of the other fields.")]
    public List<string>? Fields { get; set; }

    [Description("require_with_values and the other *_values rules: {fieldKey: value}; a value may also be a list of values, any of which matches.")]
    public JsonObject? FieldValues { get; set; }

    [Description("unique_with: fields sharing this key must be unique in combination.")]
    public string? UniqueKey { get; set; }

    [Description("length: the smallest allowed number of characters (inclusive).")]
    public int? Min { get; set; }

    [Description("length: the largest allowed number of characters (inclusive).")]
    public int? Max { get; set; }

    /// <summary>The effective level (the default is error).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public MessageLevel EffectiveLevel => Level ?? MessageLevel.Error;
}

/// <summary>Flags of a regex_match or regex_exclude expression (ECMAScript semantics).</summary>
public sealed class RegexOptionsDefinition
{
    [Description("Match without regard to case (flag i).")]
    public bool? IgnoreCase { get; set; }

    [Description("^ and $ match at line breaks (flag m).")]
    public bool? Multiline { get; set; }

    [Description(". matches line breaks too (flag s).")]
    public bool? DotAll { get; set; }

    [Description("Unicode mode (flag u).")]
    public bool? Unicode { get; set; }
}
