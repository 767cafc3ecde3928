namespace ImportOperator.Engine.Reading;

/// <summary>Reads settings.delimiter: one character, where "\t" (typed as two characters) and "tab" mean a tab.</summary>
internal static class DelimiterSetting
{
    /// <returns>The delimiter, or null when the setting is absent and the delimiter must be detected.</returns>
    public static char? Parse(string? setting)
    {
        if (string.IsNullOrEmpty(setting))
        {
            return null;
        }

        if (setting is "\\t" || setting.Equals("tab", StringComparison.OrdinalIgnoreCase))
        {
            return '\t';
        }

        if (setting.Length != 1)
        {
            throw ReadFailures.BadSetting(
                $"settings.delimiter: \"{setting}\" is not one character; use one character such as \",\" or \";\", or \"\\t\" for a tab.");
        }

        var delimiter = setting[0];
        if (!char.IsAscii(delimiter) || delimiter is '"' or '\r' or '\n')
        {
            throw ReadFailures.BadSetting(
                $"settings.delimiter: \"{setting}\" cannot be a delimiter; use an ASCII character other than a quote or a line break.");
        }

        return delimiter;
    }

    /// <summary>The format name for a delimiter: csv for ',', tsv for tab, delimited for anything else.</summary>
    public static string FormatOf(char delimiter) => delimiter switch
    {
        ',' => TabularFormats.Csv,
        '\t' => TabularFormats.Tsv,
        _ => TabularFormats.Delimited,
    };
}
