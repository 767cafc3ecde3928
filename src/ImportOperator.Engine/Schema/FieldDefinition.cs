using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace ImportOperator.Engine.Schema;

/// <summary>One field of the target schema: a key in every result row.</summary>
/// <remarks>
/// These classes are the single source of truth for manifests: the API types, the CRD generator and the engine
/// all read them. Attributes from System.ComponentModel are what the CRD generator turns into OpenAPI.
/// </remarks>
public sealed class FieldDefinition
{
    [Required, MinLength(1), MaxLength(SchemaLimits.MaxKeyLength)]
    [Description("Key of the field in every result row; unique within the schema.")]
    public string Key { get; set; } = "";

    [Required, MinLength(1)]
    [Description("Human-readable name, matched against the file's headers and shown during review.")]
    public string Label { get; set; } = "";

    // No [DefaultValue]: a CRD default would make every re-apply of a manifest that leaves the type out differ from
    // the stored object (kubectl reports "configured", Argo CD shows drift). The engine reads a missing type as string.
    [AllowedValues(FieldTypes.String, FieldTypes.Email, FieldTypes.Url, FieldTypes.Domain, FieldTypes.Number,
        FieldTypes.Checkbox, FieldTypes.Date, FieldTypes.DateTime, FieldTypes.Time, FieldTypes.Select,
        FieldTypes.MultiSelect, FieldTypes.PhoneNumber, FieldTypes.Country, FieldTypes.UsStateTerritory,
        FieldTypes.UsZipCode, FieldTypes.Ssn, FieldTypes.Uuid)]
    [Description("How a cell is parsed into its result value (default string). A value that does not parse is an error on that cell.")]
    public string? Type { get; set; }

    [Description("Options of the type (number: locale, min, max, round; select: allowCustom; multi-select: delimiter; phone-number and country: country, format; domain: allowSubdomains; date: locale).")]
    public TypeOptions? TypeOptions { get; set; }

    [Description("Help text shown to a person reviewing the import.")]
    public string? Description { get; set; }

    [Description("Other header names that map to this field (case-insensitive).")]
    public List<string>? AlternateMatches { get; set; }

    [MaxLength(SchemaLimits.MaxValidators)]
    [Description("Rules checked on every value of this field after parsing and hooks.")]
    public List<ValidatorDefinition>? Validators { get; set; }

    [Description("The allowed options of a select or multi-select field.")]
    public List<SelectOption>? SelectOptions { get; set; }

    [Description("Message used instead of the default when a value does not parse as the field's type.")]
    public string? InvalidValueMessage { get; set; }

    [Description("When true, the import needs a person (NEEDS_REVIEW, UnmappedColumns) if no column of the file matches this field.")]
    public bool? RequireMapping { get; set; }

    [Description("The field's values cannot be edited during review.")]
    public bool? ReadOnly { get; set; }

    [Description("The field is not shown during review; its values are still in the results.")]
    public bool? Hidden { get; set; }

    [Description("When true, every column matching this field is mapped to it; the result value is an array of those columns' values in column order.")]
    public bool? ManyToOne { get; set; }

    /// <summary>The effective type name (the default is <c>string</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string EffectiveType => string.IsNullOrEmpty(Type) ? FieldTypes.String : Type;
}
