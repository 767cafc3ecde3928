namespace ImportOperator.Engine.Reading;

/// <summary>What the first bytes of a file say it is.</summary>
internal enum ContentKind
{
    /// <summary>No bytes, or only a byte order mark and whitespace.</summary>
    Empty,

    /// <summary>Bytes no text file has (NUL, many control characters, or a known binary signature).</summary>
    Binary,

    /// <summary>A ZIP container: an XLSX workbook, or some other ZIP.</summary>
    Zip,

    /// <summary>An OLE2 compound document: a pre-2007 XLS workbook, or some other Office file.</summary>
    Ole2,

    /// <summary>Text whose first character is '[': a JSON array.</summary>
    JsonArray,

    /// <summary>Text whose first character is '{': a single JSON object, which is not a table.</summary>
    JsonObject,

    /// <summary>Anything else: delimited text.</summary>
    Text,
}
