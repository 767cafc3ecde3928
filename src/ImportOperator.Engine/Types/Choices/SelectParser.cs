using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Types;

/// <summary>
/// select: the trimmed cell selects an option (see <see cref="SelectOptionIndex"/>) and the result is that
/// option's value; with typeOptions.allowCustom any other text is kept, trimmed.
/// </summary>
internal sealed class SelectParser(SelectOptionIndex options, bool allowCustom) : IFieldTypeParser
{
    public static IFieldTypeParser? Create(FieldDefinition field, string fieldPath, SchemaProblems problems) =>
        SelectOptionIndex.Build(field.SelectOptions, fieldPath, problems) is { } options
            ? new SelectParser(options, field.TypeOptions?.AllowCustom ?? false)
            : null;

    public bool TryParse(string text, out CellValue result, out string? error)
    {
        var trimmed = text.AsSpan().Trim();
        if (options.TryFind(trimmed, out var value))
        {
            result = CellValue.FromString(value);
            error = null;
            return true;
        }
        if (allowCustom)
        {
            result = CellValue.FromString(Trimmed.Of(text, trimmed));
            error = null;
            return true;
        }
        result = default;
        error = NotAllowed(trimmed, options);
        return false;
    }

    public static string NotAllowed(ReadOnlySpan<char> token, SelectOptionIndex options) =>
        $"'{ParseMessages.Quote(token)}' is not one of the allowed values: {options.AllowedValues}.";
}
