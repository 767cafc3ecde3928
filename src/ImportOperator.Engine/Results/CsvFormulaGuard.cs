namespace ImportOperator.Engine.Results;

/// <summary>
/// Keeps a spreadsheet from running a cell of an exported CSV as a formula (CSV injection, OWASP): a text that
/// starts with = + - @ TAB or CR gets a leading apostrophe, which spreadsheets show as text and do not evaluate.
/// </summary>
public static class CsvFormulaGuard
{
    /// <summary>The characters that make a spreadsheet read a cell as a formula or a command.</summary>
    public static ReadOnlySpan<char> TriggerCharacters => "=+-@\t\r";

    public static bool IsFormulaLike(string text) => text.Length > 0 && TriggerCharacters.Contains(text[0]);

    /// <summary>The text, with a leading apostrophe when a spreadsheet would evaluate it.</summary>
    public static string Neutralise(string text) => IsFormulaLike(text) ? "'" + text : text;
}
