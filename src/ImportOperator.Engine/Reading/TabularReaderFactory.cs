namespace ImportOperator.Engine.Reading;

/// <summary>Decides a file's format by its content and opens the matching reader (the readers helper fills this in).</summary>
public static class TabularReaderFactory
{
    /// <summary>
    /// Opens <paramref name="stream"/> (readable; seekable when the format needs it) as rows.
    /// <paramref name="fileName"/> is used in messages and as a hint, never alone to decide the format.
    /// </summary>
    public static ITabularReader Open(Stream stream, string fileName, ReadOptions options) =>
        throw new NotImplementedException();
}
