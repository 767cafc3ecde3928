using System.Diagnostics.CodeAnalysis;

namespace ImportOperator.Engine.Reading;

/// <summary>
/// Reads a file as rows of cell texts, whatever its format. Blank rows are returned too (the pipeline skips
/// them so that it alone decides what counts). Problems with the file throw ImportFailureException with reason
/// UnreadableFile (or EmptyFile, SheetNotFound) and a message naming the file and the line or row.
/// </summary>
public interface ITabularReader : IDisposable
{
    /// <summary>The format found by content: csv, tsv, delimited, xlsx, xls or json.</summary>
    string Format { get; }

    /// <summary>
    /// True when the first row returned is the header by construction (JSON: the keys of the objects), so
    /// that header-row detection does not apply.
    /// </summary>
    bool FirstRowIsHeader { get; }

    /// <summary>Reads the next row; false at the end of the file. Cells are never null.</summary>
    bool TryReadRow([NotNullWhen(true)] out string[]? cells);

    /// <summary>1-based line (text) or row (workbook) number in the file where the last row read starts.</summary>
    long SourceLine { get; }

    /// <summary>Bytes of the input consumed so far, for progress.</summary>
    long BytesRead { get; }
}
