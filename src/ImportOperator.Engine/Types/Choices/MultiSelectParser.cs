using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>
/// multi-select: the cell split on typeOptions.delimiter (default ","), each token trimmed and read as a select
/// value; empty tokens are dropped and so are repeats of a value already selected. The result is an array of
/// strings in the cell's order; one token that selects nothing makes the whole cell an error naming it.
/// </summary>
internal sealed class MultiSelectParser(SelectOptionIndex options, bool allowCustom, string delimiter) : IFieldTypeParser
{
    public static IFieldTypeParser? Create(FieldDefinition field, string fieldPath, SchemaProblems problems)
    {
        var delimiter = field.TypeOptions?.Delimiter ?? ",";
        var delimiterValid = delimiter.Length > 0;
        if (!delimiterValid) problems.Add(fieldPath + ".typeOptions.delimiter", "delimiter must not be empty");

        var index = SelectOptionIndex.Build(field.SelectOptions, fieldPath, problems);
        return index is not null && delimiterValid
            ? new MultiSelectParser(index, field.TypeOptions?.AllowCustom ?? false, delimiter)
            : null;
    }

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        // First pass: check every token and count them, so that the result array is allocated once.
        var count = 0;
        var rest = text.AsSpan();
        while (NextToken(ref rest, out var token))
        {
            if (!options.TryFind(token, out _) && !allowCustom)
            {
                result = default;
                error = SelectParser.NotAllowed(token, options);
                return false;
            }
            count++;
        }

        var values = new CellValue[count];
        var distinct = 0;
        rest = text.AsSpan();
        while (NextToken(ref rest, out var token))
        {
            var value = options.TryFind(token, out var optionValue) ? CellValue.FromString(optionValue) : CellValue.FromString(token.ToString());
            if (Array.IndexOf(values, value, 0, distinct) < 0) values[distinct++] = value;
        }
        if (distinct < count) Array.Resize(ref values, distinct);

        result = CellValue.FromArray(values);
        error = null;
        return true;
    }

    /// <summary>The next non-empty trimmed token, consuming it and its delimiter from <paramref name="rest"/>.</summary>
    private bool NextToken(ref ReadOnlySpan<char> rest, out ReadOnlySpan<char> token)
    {
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf(delimiter, StringComparison.Ordinal);
            token = (end < 0 ? rest : rest[..end]).Trim();
            rest = end < 0 ? [] : rest[(end + delimiter.Length)..];
            if (!token.IsEmpty) return true;
        }
        token = default;
        return false;
    }
}
