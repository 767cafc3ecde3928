namespace ImportOperator.Engine.Reading;

/// <summary>What the caller knows about how to read a file.</summary>
public sealed class ReadOptions
{
    /// <summary>The delimiter of a delimited text file (settings.delimiter); detected when null.</summary>
    public string? Delimiter { get; init; }

    /// <summary>The sheet to read in a workbook (settings.uploadStep.sheetOverride); the first sheet when null.</summary>
    public string? SheetName { get; init; }
}
