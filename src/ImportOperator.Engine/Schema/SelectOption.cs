using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ImportOperator.Engine.Schema;

/// <summary>One allowed value of a select or multi-select field.</summary>
public sealed class SelectOption
{
    [Required]
    [Description("Text shown to people; a cell equal to it (case-insensitive) selects this option.")]
    public string Label { get; set; } = "";

    [Required]
    [Description("The result value of this option.")]
    public string Value { get; set; } = "";

    [Description("Other cell texts that select this option (case-insensitive, trimmed).")]
    public List<string>? AlternateMatches { get; set; }
}
