using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>Checks the merged settings that the engine reads, so a bad value is reported before any data is read.</summary>
public static class SettingsRules
{
    public static void Check(ImportSettings settings, SchemaProblems problems)
    {
        if (settings.InvalidDataBehavior is { } behavior && !InvalidDataBehaviors.All.Contains(behavior))
            problems.Add("settings.invalidDataBehavior",
                $"unknown value '{behavior}'; expected one of {string.Join(", ", InvalidDataBehaviors.All)}.");
        if (settings.Delimiter is { } delimiter && DelimiterText.Parse(delimiter) is null)
            problems.Add("settings.delimiter", $"'{delimiter}' is not a single character (use e.g. ',', ';', '|' or '\\t').");
        if (settings.MaxRecords is <= 0) problems.Add("settings.maxRecords", "must be at least 1.");
        if (settings.MaxFileSize is <= 0) problems.Add("settings.maxFileSize", "must be at least 1 byte.");
        if (settings.MatchingStep?.HeaderRowOverride is < 0)
            problems.Add("settings.matchingStep.headerRowOverride", "must be 0 or more (the 0-based index of the header row).");
    }
}

/// <summary>Reads a delimiter setting: one character, or a name such as "\t", "tab", "comma", "semicolon", "pipe".</summary>
public static class DelimiterText
{
    public static char? Parse(string text) => text switch
    {
        "\\t" or "tab" or "TAB" => '\t',
        "comma" => ',',
        "semicolon" => ';',
        "pipe" => '|',
        { Length: 1 } => text[0],
        _ => null,
    };
}
