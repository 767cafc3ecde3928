namespace ImportOperator.Engine.Types;

/// <summary>The default messages of values that do not parse (the pipeline swaps in invalidValueMessage).</summary>
internal static class ParseMessages
{
    // A cell can hold kilobytes of text; a message quotes only the start of it.
    private const int MaxQuotedLength = 60;

    /// <summary>"'abc' is not a valid number." — <paramref name="what"/> is e.g. "a valid number".</summary>
    public static string NotA(string text, string what) => $"'{Quote(text)}' is not {what}.";

    /// <summary>The cell text as shown inside a message: trimmed and shortened.</summary>
    public static string Quote(string text) => Quote(text.AsSpan());

    public static string Quote(ReadOnlySpan<char> text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= MaxQuotedLength
            ? trimmed.ToString()
            : string.Concat(trimmed[..MaxQuotedLength], "…");
    }
}
