namespace ImportOperator.Engine.Results;

/// <summary>
/// Keeps a spreadsheet from running a cell of an exported CSV as a formula (CSV injection, OWASP): a text that
/// starts with = + - @ TAB or CR gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
/// One exception: a text that starts with + or - and holds nothing but digits and number/phone punctuation
/// (`+1 (415) 555-0123`, `-12.5`) is a value, not a formula — it cannot call anything — and an apostrophe in front of
/// every international phone number would spoil the export for everyone.
/// </summary>
public static class CsvFormulaGuard
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula or a command.</summary>
    public static ReadOnlySpan<char> TriggerCharacters => "=+-@\t\r";

    public static bool IsFormulaLike(string text) =>
        text.Length > 0 && TriggerCharacters.Contains(text[0]) && !IsSignedNumberOrPhone(text);

    /// <summary>The text, with a leading apostrophe when a spreadsheet would evaluate it.</summary>
    public static string Neutralise(string text) => IsFormulaLike(text) ? "'" + text : text;

    /// <summary>
    /// + or - then digits with spaces, dots, commas, parentheses and dashes only. No operator other than the leading
    /// sign's own kind can appear, so `-2+3` or `+1*2` stay formula-like.
    /// </summary>
    static bool IsSignedNumberOrPhone(string text)
    {
        if (text[0] is not ('+' or '-')) return false;
        var digits = 0;
        foreach (var c in text.AsSpan(1))
        {
            if (char.IsAsciiDigit(c)) digits++;
            else if (c is not (' ' or '.' or ',' or '(' or ')' or '-')) return false;
        }
        return digits > 0;
    }
}
