namespace ImportOperator.Engine.Pipeline;

/// <summary>A non-blank row of the file with the line (or sheet row) it starts on.</summary>
internal readonly record struct SourceRow(string[] Cells, long Line)
{
    public static bool IsBlank(string[] cells)
    {
        foreach (var cell in cells) if (!string.IsNullOrWhiteSpace(cell)) return false;
        return true;
    }
}
