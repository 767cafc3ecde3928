using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>Builds the parser of a field's type with its options bound (see docs/types.md).</summary>
public static class FieldTypeParsers
{
    /// <summary>
    /// Returns the parser for <paramref name="field"/>, or null after adding to <paramref name="problems"/> when the
    /// type is unknown or its options are invalid (paths start with <paramref name="fieldPath"/>, e.g. "fields[2]").
    /// </summary>
    /// <remarks>
    /// Parsers are immutable and thread-safe; types without options share one instance across all fields.
    /// Options that do not apply to the type are ignored, as the schema documents.
    /// </remarks>
    public static IFieldTypeParser? Create(FieldDefinition field, string fieldPath, SchemaProblems problems)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(problems);
        var options = field.TypeOptions;
        var optionsPath = fieldPath + ".typeOptions";
        var type = field.EffectiveType;
        switch (type)
        {
            case FieldTypes.String: return StringParser.Instance;
            case FieldTypes.Email: return EmailParser.Instance;
            case FieldTypes.Url: return UrlParser.Instance;
            case FieldTypes.Domain: return DomainParser.Create(options);
            case FieldTypes.Number: return NumberParser.Create(options, optionsPath, problems);
            case FieldTypes.Checkbox: return CheckboxParser.Instance;
            case FieldTypes.Date: return DateParser.Create(options, optionsPath, problems);
            case FieldTypes.DateTime: return DateTimeParser.Create(options, optionsPath, problems);
            case FieldTypes.Time: return TimeParser.Instance;
            case FieldTypes.Select: return SelectParser.Create(field, fieldPath, problems);
            case FieldTypes.MultiSelect: return MultiSelectParser.Create(field, fieldPath, problems);
            case FieldTypes.PhoneNumber: return PhoneNumberParser.Create(options, optionsPath, problems);
            case FieldTypes.Country: return CountryParser.Create(options, optionsPath, problems);
            case FieldTypes.UsStateTerritory: return UsStateTerritoryParser.Instance;
            case FieldTypes.UsZipCode: return UsZipCodeParser.Instance;
            case FieldTypes.Ssn: return SsnParser.Instance;
            case FieldTypes.Uuid: return UuidParser.Instance;
            default:
                problems.Add(fieldPath + ".type", $"unknown type '{type}'; expected one of {string.Join(", ", FieldTypes.All)}");
                return null;
        }
    }
}
