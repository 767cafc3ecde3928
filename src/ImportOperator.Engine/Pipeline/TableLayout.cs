using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Header;
using ImportOperator.Engine.Matching;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>Where the header is and how its columns map to fields: decided once, from the top of the file.</summary>
internal sealed class TableLayout
{
    private TableLayout(int headerPosition, string[] rawHeaders, ColumnMapping mapping)
    {
        HeaderPosition = headerPosition;
        RawHeaders = rawHeaders;
        Mapping = mapping;
    }

    /// <summary>0-based index of the header among the file's non-blank rows.</summary>
    public int HeaderPosition { get; }

    /// <summary>The header row's cells as written.</summary>
    public string[] RawHeaders { get; }

    public ColumnMapping Mapping { get; }

    /// <summary>
    /// Finds the header (headerRowOverride, the reader's own header for JSON, else detection) and matches it to the
    /// fields. Throws NeedsReviewException when a person must pick the header or map columns.
    /// </summary>
    public static TableLayout Detect(DataRowCursor cursor, IReadOnlyList<FieldDefinition> fields, ImportSettings settings, string fileName)
    {
        var headerOverride = settings.MatchingStep?.HeaderRowOverride;
        var top = cursor.PeekTop(Math.Max(HeaderRowDetector.RowsExamined, (headerOverride ?? 0) + 1));
        if (top.Count == 0)
            throw new ImportFailureException(OutcomeReasons.EmptyFile, $"{fileName}: the file has no rows (it is empty or blank).");

        int position;
        if (cursor.Reader.FirstRowIsHeader) position = 0;
        else if (headerOverride is { } index)
        {
            if (index >= top.Count)
                throw new NeedsReviewException(OutcomeReasons.HeaderRowNotFound,
                    $"{fileName}: settings.matchingStep.headerRowOverride is {index}, but the file has only {top.Count} non-blank rows.");
            position = index;
        }
        else
        {
            position = HeaderRowDetector.Detect(top.Select(r => r.Cells).ToList());
            if (position < 0)
                throw new NeedsReviewException(OutcomeReasons.HeaderRowNotFound,
                    $"{fileName}: no header row found in the first {Math.Min(top.Count, HeaderRowDetector.RowsExamined)} non-blank rows " +
                    "(a header has mostly distinct text cells, not numbers or dates); choose the header row in review or set settings.matchingStep.headerRowOverride.");
        }

        var rawHeaders = top[position].Cells;
        var headers = rawHeaders.Select(h => h.Trim()).ToArray();
        var mapping = HeaderMatcher.Match(headers, fields, settings.MatchingStep?.FuzzyMatchHeaders ?? true);
        MappingRules.Check(mapping, fields, fileName);
        return new TableLayout(position, rawHeaders, mapping);
    }
}
