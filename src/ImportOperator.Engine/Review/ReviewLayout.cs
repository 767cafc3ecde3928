using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Header;
using ImportOperator.Engine.Matching;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Reading;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Review;

/// <summary>
/// The file's top rows and how its columns map to fields, as the review page shows them: the header the engine
/// found (or the person picked), the automatic suggestion per field, and whether the mapping can go on (the
/// same rules as processing, <see cref="MappingRules"/>).
/// </summary>
public sealed class ReviewLayout
{
    /// <summary>How many of the file's first non-blank rows the header step shows.</summary>
    public const int TopRowsShown = HeaderRowDetector.RowsExamined;

    public required IReadOnlyList<string[]> TopRows { get; init; }

    /// <summary>The header row in use (0-based among non-blank rows), or -1 when none was found or picked.</summary>
    public required int HeaderRow { get; init; }

    /// <summary>True when the reader has its own header (JSON): there is no header row to pick.</summary>
    public required bool FixedHeader { get; init; }

    public IReadOnlyList<string> RawHeaders { get; init; } = [];

    /// <summary>The mapping in use (choices over suggestions); null without a header.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>The engine's own suggestion per field: the column it would map, or -1.</summary>
    public IReadOnlyList<int> SuggestedColumnByField { get; init; } = [];

    /// <summary>Why the layout cannot be used yet (reason and message, as processing reports them), or null.</summary>
    public string? ProblemReason { get; init; }
    public string? ProblemMessage { get; init; }

    public bool IsUsable => ProblemReason is null && Mapping is not null;

    /// <summary>Reads the top of the input and applies <paramref name="choices"/> over the engine's detection.</summary>
    public static ReviewLayout Inspect(ImportRequest request, ReviewChoices choices)
    {
        using var cursor = DataRowCursor.Open(request, ReadOptionsOf(request.Settings));
        return Detect(cursor, request.Fields, request.Settings, request.FileName, choices);
    }

    internal static ReadOptions ReadOptionsOf(ImportSettings settings) => new()
    {
        Delimiter = settings.Delimiter is { } d ? DelimiterText.Parse(d)?.ToString() : null,
        SheetName = settings.UploadStep?.SheetOverride,
    };

    internal static ReviewLayout Detect(DataRowCursor cursor, IReadOnlyList<FieldDefinition> fields, ImportSettings settings,
        string fileName, ReviewChoices choices)
    {
        var wanted = choices.HeaderRow ?? settings.MatchingStep?.HeaderRowOverride;
        var top = cursor.PeekTop(Math.Max(TopRowsShown, (wanted ?? 0) + 1)).Select(r => r.Cells).ToList();
        if (top.Count == 0)
            throw new ImportFailureException(OutcomeReasons.EmptyFile, $"{fileName}: the file has no rows (it is empty or blank).");
        var fixedHeader = cursor.Reader.FirstRowIsHeader;
        var shown = top.Take(TopRowsShown).ToList();

        var position = fixedHeader ? 0 : wanted ?? HeaderRowDetector.Detect(top);
        if (position < 0 || position >= top.Count)
            return new ReviewLayout
            {
                TopRows = shown, HeaderRow = -1, FixedHeader = fixedHeader,
                ProblemReason = OutcomeReasons.HeaderRowNotFound,
                ProblemMessage = position < 0
                    ? $"{fileName}: no header row was found; pick the row that holds the column names."
                    : $"{fileName}: row {position + 1} was picked as the header, but the file has only {top.Count} non-blank rows.",
            };

        var rawHeaders = top[position];
        var headers = rawHeaders.Select(h => h.Trim()).ToArray();
        var suggested = HeaderMatcher.Match(headers, fields, settings.MatchingStep?.FuzzyMatchHeaders ?? true);
        var mapping = choices.ColumnsByField is { } chosen ? Chosen(headers, fields, chosen, suggested) : suggested;
        string? reason = null, message = null;
        try
        {
            MappingRules.Check(mapping, fields, fileName);
        }
        catch (NeedsReviewException problem)
        {
            reason = problem.Reason;
            message = problem.Message;
        }
        return new ReviewLayout
        {
            TopRows = shown, HeaderRow = position, FixedHeader = fixedHeader, RawHeaders = rawHeaders, Mapping = mapping,
            SuggestedColumnByField = suggested.ColumnsByField.Select(c => c.Length > 0 ? c[0] : -1).ToArray(),
            ProblemReason = reason, ProblemMessage = message,
        };
    }

    /// <summary>The person's mapping; a column given to two fields or outside the header is refused by name.</summary>
    private static ColumnMapping Chosen(string[] headers, IReadOnlyList<FieldDefinition> fields,
        IReadOnlyDictionary<string, int> chosen, ColumnMapping suggested)
    {
        var columns = new int[fields.Count][];
        var tiers = new MatchTier?[fields.Count];
        var owner = new Dictionary<int, string>();
        for (var f = 0; f < fields.Count; f++)
        {
            if (!chosen.TryGetValue(fields[f].Key, out var column) || column < 0) { columns[f] = []; continue; }
            if (column >= headers.Length)
                throw new ReviewChoiceException($"Field '{fields[f].Key}' is mapped to column {column + 1}, but the header has {headers.Length} columns.");
            if (!owner.TryAdd(column, fields[f].Key))
                throw new ReviewChoiceException($"Column {column + 1} ('{headers[column]}') is mapped to both '{owner[column]}' and '{fields[f].Key}'; a column feeds one field.");
            columns[f] = [column];
            tiers[f] = suggested.ColumnsByField[f] is [var s, ..] && s == column ? suggested.TierByField[f] : MatchTier.ExactKey;
        }
        foreach (var key in chosen.Keys)
            if (!fields.Any(field => field.Key == key))
                throw new ReviewChoiceException($"The mapping names field '{key}', which the schema does not have.");
        return new ColumnMapping(headers, columns, tiers);
    }
}

/// <summary>A layout choice that cannot be applied (the message names the field or column).</summary>
public sealed class ReviewChoiceException(string message) : Exception(message);
