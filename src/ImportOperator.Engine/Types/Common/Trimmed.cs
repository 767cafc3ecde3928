namespace ImportOperator.Engine.Types;

/// <summary>Trimming that reuses the cell's string when there was nothing to trim.</summary>
internal static class Trimmed
{
    public static string Of(string text, ReadOnlySpan<char> trimmed) =>
        trimmed.Length == text.Length ? text : trimmed.ToString();
}
