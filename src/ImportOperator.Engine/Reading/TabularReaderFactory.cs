namespace ImportOperator.Engine.Reading;

/// <summary>Decides a file's format by its content and opens the matching reader.</summary>
public static class TabularReaderFactory
{
    /// <summary>
    /// Opens <paramref name="stream"/> (readable; seekable when the format needs it) as rows.
    /// <paramref name="fileName"/> is used in messages and as a hint, never alone to decide the format.
    /// </summary>
    /// <remarks>
    /// A forward-only stream works for every format: workbooks and JSON are then copied to a self-deleting
    /// temporary file. The caller keeps ownership of <paramref name="stream"/>: disposing the reader leaves it
    /// open. Throws ImportFailureException (EmptyFile, UnreadableFile, SheetNotFound; InvalidSchema for a
    /// settings.delimiter that is not one character).
    /// </remarks>
    public static ITabularReader Open(Stream stream, string fileName, ReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        TextEncodings.EnsureCodePagesRegistered();
        var name = ReadFailures.DisplayName(fileName);
        var input = SniffedInput.Read(stream);

        return input.Kind switch
        {
            ContentKind.Empty => throw ReadFailures.Empty(name, input.ByteOrderMarkLength > 0 || !input.Head.IsEmpty
                ? "the file is empty (it holds only blank lines or spaces)."
                : "the file is empty (0 bytes)."),
            ContentKind.Binary when TextEncodings.LooksLikeUtf16WithoutByteOrderMark(input.Head) => throw ReadFailures.Unreadable(name,
                "the file looks like UTF-16 text without a byte order mark, so its encoding cannot be told for sure; save it as UTF-8 (in Excel: \"CSV UTF-8\") and upload it again."),
            ContentKind.Binary => throw ReadFailures.Unreadable(name,
                $"the file is binary{Describe(input)}, not a CSV/Excel/JSON file; upload the data as .csv, .xlsx, .xls or .json."),
            ContentKind.Zip => WorkbookReader.Open(input, isXlsx: true, name, options),
            ContentKind.Ole2 => WorkbookReader.Open(input, isXlsx: false, name, options),
            ContentKind.JsonObject => throw ReadFailures.Unreadable(name,
                "expected a JSON array of objects ([{...}, {...}]), but the file is a single JSON object ({...}); wrap the rows in [ ]."),
            ContentKind.JsonArray => JsonArrayReader.Open(input, name),
            _ => DelimitedTextReader.Open(input, name, fileName, options),
        };
    }

    private static string Describe(SniffedInput input) =>
        BinarySignatures.Name(input.Head) is { } what ? $" ({what})" : "";
}
