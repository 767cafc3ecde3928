namespace ImportOperator.Engine.Reading;

/// <summary>
/// Copies a forward-only stream to a temporary file that deletes itself when closed, for the formats that must
/// seek (workbooks are ZIP or OLE2 containers; JSON is read in two passes) without holding the file in memory.
/// </summary>
internal static class TempFileBuffer
{
    public static FileStream CopyOf(Stream source)
    {
        var path = Path.Combine(Path.GetTempPath(), "import-" + Path.GetRandomFileName());
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose);
        try
        {
            source.CopyTo(file, 1 << 16);
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }
}
