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

    public CellParser(IReadOnlyList<FieldDefinition> fields, IFieldTypeParser[] parsers)
    {
        _fields = fields;
        _parsers = parsers;
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
        // A value that does not parse keeps its text as the result, so INCLUDE_INVALID_ROWS loses nothing.
        return _parsers[field].TryParse(text, out var result, out error) ? result : CellValue.FromString(text);
    }

    private CellMessage Error(int field, string parserMessage) =>
        CellMessage.Error(_fields[field].InvalidValueMessage is { Length: > 0 } custom ? custom : parserMessage);
}
