using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;
using ImportOperator.Engine.Types;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Turns raw values into typed result values with the fields' parsers, and owns the rule for empty cells: null for
/// every type but string ("") and checkbox (false). A manyToOne field parses each of its columns' values. A value
/// that does not parse is an error on the cell and stays in the result as the text that was read.
/// </summary>
public sealed class CellParser
{
    private readonly IReadOnlyList<FieldDefinition> _fields;
    private readonly IFieldTypeParser[] _parsers;
    private readonly CellValue[] _emptyResults;
    private readonly bool[] _isString;
    private readonly bool[] _manyToOne;
    private readonly string?[] _multiSelectDelimiter;
    private readonly IFieldTypeParser?[] _invariantNumberParsers;

    public CellParser(IReadOnlyList<FieldDefinition> fields, IFieldTypeParser[] parsers)
    {
        _fields = fields;
        _parsers = parsers;
        _manyToOne = fields.Select(f => f.ManyToOne == true).ToArray();
        _multiSelectDelimiter = fields.Select(f => f.EffectiveType == FieldTypes.MultiSelect ? f.TypeOptions?.Delimiter ?? "," : null).ToArray();
        _invariantNumberParsers = fields.Select(InvariantNumberParser).ToArray();
        _emptyResults = fields.Select(f => f.EffectiveType switch
        {
            FieldTypes.String => CellValue.EmptyString,
            FieldTypes.Checkbox => CellValue.False,
            _ => CellValue.Null,
        }).ToArray();
        _isString = fields.Select(f => f.EffectiveType == FieldTypes.String).ToArray();
    }

    /// <summary>Parses every field of the row.</summary>
    public void ParseAll(ImportRow row)
    {
        for (var field = 0; field < _parsers.Length; field++) Parse(row, field);
    }

    /// <summary>Re-parses the fields a hook changed, then clears the changed marks.</summary>
    public void ParseChanged(ImportRow row)
    {
        if (row.Changed is not { } changed) return;
        for (var field = 0; field < changed.Length; field++) if (changed[field]) Parse(row, field);
        row.ClearChanged();
    }

    public void Parse(ImportRow row, int field)
    {
        var raw = row.Values[field];
        row.ParseErrors[field] = null;
        if (raw.Kind == CellValueKind.Array && !_manyToOne[field])
        {
            // A hook gave a list to a single-column field: a multi-select reads it as its tokens, others as text.
            raw = CellValue.FromString(string.Join(_multiSelectDelimiter[field] ?? ", ", raw.ArrayValue.Select(item => item.ToText())));
        }
        if (raw.Kind == CellValueKind.Array)
        {
            var items = raw.ArrayValue;
            var results = new CellValue[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                results[i] = ParseOne(items[i], field, out var error);
                if (error is not null && row.ParseErrors[field] is null) row.ParseErrors[field] = Error(field, error);
            }
            row.Results[field] = CellValue.FromArray(results);
            return;
        }
        row.Results[field] = ParseOne(raw, field, out var message);
        if (message is not null) row.ParseErrors[field] = Error(field, message);
    }

    private CellValue ParseOne(CellValue raw, int field, out string? error)
    {
        error = null;
        if (raw.IsNull) return _emptyResults[field];
        var text = raw.Kind == CellValueKind.String ? raw.StringValue! : raw.ToText();
        if (_isString[field]) return text.Length == 0 ? CellValue.EmptyString : CellValue.FromString(text);
        if (string.IsNullOrWhiteSpace(text)) return _emptyResults[field];
        // A number a hook returned is already a number: its invariant text must not be read in the field's locale.
        if (raw.Kind == CellValueKind.Number && _invariantNumberParsers[field] is { } invariant)
            return invariant.TryParse(text, out var number, out error) ? number : CellValue.FromString(text);
        // A value that does not parse keeps its text as the result, so INCLUDE_INVALID_ROWS loses nothing.
        return _parsers[field].TryParse(text, out var result, out error) ? result : CellValue.FromString(text);
    }

    /// <summary>For a number field with a locale: the same options read in the invariant locale, for hook-made numbers.</summary>
    private static IFieldTypeParser? InvariantNumberParser(FieldDefinition field)
    {
        if (field.EffectiveType != FieldTypes.Number || field.TypeOptions?.Locale is null) return null;
        var invariant = new FieldDefinition
        {
            Key = field.Key, Label = field.Label, Type = field.Type,
            TypeOptions = new TypeOptions { Min = field.TypeOptions.Min, Max = field.TypeOptions.Max, Round = field.TypeOptions.Round },
        };
        return FieldTypeParsers.Create(invariant, "", new Diagnostics.SchemaProblems());
    }

    private CellMessage Error(int field, string parserMessage) =>
        CellMessage.Error(_fields[field].InvalidValueMessage is { Length: > 0 } custom ? custom : parserMessage);
}
