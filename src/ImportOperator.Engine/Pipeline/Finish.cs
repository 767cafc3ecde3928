using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Matching;
using ImportOperator.Engine.Results;

namespace ImportOperator.Engine.Pipeline;

/// <summary>Writes the result files for an outcome and builds the <see cref="ImportOutcome"/>.</summary>
internal static class Finish
{
    /// <summary>An import that processed its rows: data.json keeps them only when <paramref name="keepRows"/>.</summary>
    public static ImportOutcome Complete(ImportRequest request, RowFinisher finisher, TableLayout layout, OutcomePhase phase,
        string reason, string message, bool keepRows, List<string> warnings, CompiledHooks hooks) =>
        Complete(request, finisher, layout.RawHeaders, layout.Mapping, phase, reason, message, keepRows, warnings, hooks.ConsoleLog.ToArray());

    /// <summary>
    /// The same for rows that did not come straight from a file (a review's edited rows): the header row and the
    /// mapping are given, and there is no hook log.
    /// </summary>
    public static ImportOutcome Complete(ImportRequest request, RowFinisher finisher, IReadOnlyList<string> rawHeaders, ColumnMapping mapping,
        OutcomePhase phase, string reason, string message, bool keepRows, List<string> warnings, IReadOnlyList<string> hookLog)
    {
        finisher.Data.Commit(keepRows);
        var (errorsPath, rowsPath) = finisher.Issues.Complete();
        var resultRows = keepRows ? finisher.Data.RowsWritten : 0;
        var metadataPath = Path.Combine(request.OutputDirectory, ResultFileNames.Metadata);
        MetadataJsonWriter.Write(metadataPath, new MetadataContent(request.ImportIdentifier, request.FileName, request.User,
            rawHeaders, request.Fields, mapping, errorsPath, rowsPath, finisher.Rows,
            finisher.Rows - finisher.InvalidRows, finisher.InvalidRows, resultRows, warnings));
        if (warnings.Count > 0) message = $"{message} {string.Join(" ", warnings)}";
        return new ImportOutcome
        {
            Phase = phase,
            Reason = reason,
            Message = message,
            NumDataRows = finisher.Rows,
            NumValidRows = finisher.Rows - finisher.InvalidRows,
            NumInvalidRows = finisher.InvalidRows,
            NumResultRows = resultRows,
            FirstIssues = finisher.Issues.FirstIssues.ToArray(),
            Warnings = warnings,
            HookLog = hookLog,
            DataPath = Path.Combine(request.OutputDirectory, ResultFileNames.Data),
            MetadataPath = metadataPath,
        };
    }

    /// <summary>Whether <paramref name="e"/> is one of the two ways a step ends an import early: a failure or a review stop.</summary>
    public static bool IsStop(Exception e) => e is ImportFailureException or NeedsReviewException;

    /// <summary>The outcome of an import a step stopped early (<see cref="IsStop"/>): empty results, the stop's reason and message.</summary>
    public static ImportOutcome Stopped(ImportRequest request, Exception stop, TableLayout? layout, CompiledHooks hooks) => stop switch
    {
        ImportFailureException failure => Empty(request, OutcomePhase.Failed, failure.Reason, failure.Message, layout, hooks),
        NeedsReviewException review => Empty(request, OutcomePhase.NeedsReview, review.Reason, review.Message, layout, hooks),
        _ => throw new ArgumentException($"not an import stop: {stop.GetType().Name}", nameof(stop)),
    };

    /// <summary>An import that stopped before its rows were processed: empty data and metadata with what is known.</summary>
    public static ImportOutcome Empty(ImportRequest request, OutcomePhase phase, string reason, string message,
        TableLayout? layout = null, CompiledHooks? hooks = null)
    {
        var dataPath = Path.Combine(request.OutputDirectory, ResultFileNames.Data);
        var metadataPath = Path.Combine(request.OutputDirectory, ResultFileNames.Metadata);
        File.WriteAllText(dataPath, "[]\n");
        MetadataJsonWriter.Write(metadataPath, new MetadataContent(request.ImportIdentifier, request.FileName, request.User,
            layout?.RawHeaders ?? [], request.Fields, layout?.Mapping, null, null, 0, 0, 0, 0, []));
        return new ImportOutcome
        {
            Phase = phase,
            Reason = reason,
            Message = message,
            HookLog = hooks?.ConsoleLog.ToArray() ?? [],
            DataPath = dataPath,
            MetadataPath = metadataPath,
        };
    }
}
