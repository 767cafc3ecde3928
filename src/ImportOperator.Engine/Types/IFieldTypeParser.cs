using ImportOperator.Engine.Rows;

namespace ImportOperator.Engine.Types;

/// <summary>
/// Parses one non-empty cell text into the typed result value of one field type, with that field's options
/// already bound. Implementations are immutable and thread-safe: one instance serves all rows on all threads.
/// </summary>
public interface IFieldTypeParser
{
    /// <summary>Parses <paramref name="text"/> (never empty or blank: the pipeline handles empty cells).</summary>
    /// <returns>True with the result value, or false with a default error message (no field name in it).</returns>
    bool TryParse(string text, out CellValue result, out string? error);
}
