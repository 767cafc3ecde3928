using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Results;

namespace ImportOperator.Engine.Pipeline;

/// <summary>Writes the result files for an outcome and builds the <see cref="ImportOutcome"/>.</summary>
internal static class Finish
{
    /// <summary>An import that processed its rows: data.json keeps them only when <paramref name="keepRows"/>.</summary>
    public static ImportOutcome Complete(ImportRequest request, RowFinisher finisher, TableLayout layout, OutcomePhase phase,
        string reason, string message, bool keepRows, List<string> warnings, CompiledHooks hooks)
    {
        finisher.Data.Commit(keepRows);
        var (errorsPath, rowsPath) = finisher.Issues.Complete();
        var resultRows = keepRows ? finisher.Data.RowsWritten : 0;
        var metadataPath = Path.Combine(request.OutputDirectory, ResultFileNames.Metadata);
        MetadataJsonWriter.Write(metadataPath, new MetadataContent(request.ImportIdentifier, request.FileName, request.User,
            layout.RawHeaders, request.Fields, layout.Mapping, errorsPath, rowsPath, finisher.Rows,
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
            HookLog = hooks.ConsoleLog.ToArray(),
            DataPath = Path.Combine(request.OutputDirectory, ResultFileNames.Data),
            MetadataPath = metadataPath,
        };
    }

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
