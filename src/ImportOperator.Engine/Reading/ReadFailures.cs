using ImportOperator.Engine.Diagnostics;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Builds the exceptions readers throw, so that every message starts with the file's name and reads the same way.
/// </summary>
internal static class ReadFailures
{
    public static ImportFailureException Unreadable(string fileName, string problem, Exception? inner = null) =>
        new(OutcomeReasons.UnreadableFile, $"{fileName}: {problem}", inner);

    public static ImportFailureException Empty(string fileName, string problem) =>
        new(OutcomeReasons.EmptyFile, $"{fileName}: {problem}");

    public static ImportFailureException SheetNotFound(string fileName, string problem) =>
        new(OutcomeReasons.SheetNotFound, $"{fileName}: {problem}");

    public static ImportFailureException BadSetting(string problem) =>
        new(OutcomeReasons.InvalidSchema, problem);

    /// <summary>The name to show: the last path segment, or a neutral phrase when the caller has none.</summary>
    public static string DisplayName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "the file";
        }

        var name = Path.GetFileName(fileName);
        return name.Length == 0 ? fileName : name;
    }
}
