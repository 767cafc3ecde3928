using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Results;
using ImportOperator.Engine.Rows;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Review;

/// <summary>
/// Finishes a reviewed import: the rows as the person left them (edits applied, deleted rows gone, renumbered from
/// 0) are validated once more across the whole table (the unique family), then beforeFinishCallback and
/// invalidDataBehavior decide, exactly as processing decides, and data.json and metadata.json are written. Hooks
/// that change rows are not run again: their init run is in the table and the edits ran them in update mode.
/// </summary>
public static class ReviewFinisher
{
    public static ImportOutcome Finish(ImportRequest request, ReviewTable table, ReviewEdits edits, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        var problems = new SchemaProblems();
        using var schema = CompiledSchema.Compile(request.Fields, request.Settings, request.Hooks, request.HookOptions, problems);
        if (schema is null)
            return Pipeline.Finish.Empty(request, OutcomePhase.Failed, OutcomeReasons.InvalidSchema, $"The schema is invalid: {string.Join("; ", problems.All)}");

        var behavior = request.Settings.InvalidDataBehavior ?? InvalidDataBehaviors.RemoveInvalidRows;
        var tracker = schema.Validation.HasUniqueness ? schema.Validation.CreateUniquenessTracker() : null;
        if (tracker is not null)
            foreach (var row in Rows(table, edits, cancellationToken))
            {
                schema.CellParser.ParseAll(row);
                tracker.Observe(row);
            }
        using var finisher = new RowFinisher(request.OutputDirectory, schema.Fields, behavior, schema.Hooks.HasBeforeFinish);
        foreach (var row in Rows(table, edits, cancellationToken))
        {
            ReviewRowEvaluator.Evaluate(schema, row, tracker);
            finisher.Accept(row);
        }
        return Decide(request, schema, table.Layout, finisher, behavior);
    }

    /// <summary>The rows as the person sees them, renumbered without the deleted ones, ready to parse.</summary>
    private static IEnumerable<ImportRow> Rows(ReviewTable table, ReviewEdits edits, CancellationToken cancellationToken)
    {
        long index = 0;
        foreach (var stored in table.ReadAll())
        {
            if ((index & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (edits.Resolve(stored) is { } row) yield return row.ToImportRow(index++);
        }
    }

    private static ImportOutcome Decide(ImportRequest request, CompiledSchema schema, ReviewLayout layout, RowFinisher finisher, string behavior)
    {
        var rows = finisher.Rows;
        var invalid = finisher.InvalidRows;
        if (rows == 0 && request.Settings.AllowEmptySubmit == false)
            return Complete(request, finisher, layout, OutcomePhase.NeedsReview, OutcomeReasons.NoDataRows,
                "Every row was deleted, and settings.allowEmptySubmit is false: keep at least one row.", false);
        if (schema.Hooks.HasBeforeFinish)
        {
            var verdict = schema.Hooks.RunBeforeFinish(finisher.HookData, new JsonObject
            {
                ["importIdentifier"] = request.ImportIdentifier,
                ["filename"] = request.FileName,
                ["user"] = request.User is { } user ? new JsonObject
                {
                    ["id"] = user.Id, ["name"] = user.Name, ["email"] = user.Email, ["companyName"] = user.CompanyName, ["companyId"] = user.CompanyId,
                } : null,
                ["rawHeaders"] = new JsonArray(layout.RawHeaders.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
                ["numDataRows"] = rows,
                ["numValidRows"] = rows - invalid,
                ["numInvalidRows"] = invalid,
            });
            if (verdict.Cancel)
                return Complete(request, finisher, layout, OutcomePhase.NeedsReview, OutcomeReasons.CancelledByHook,
                    string.IsNullOrWhiteSpace(verdict.Message) ? "beforeFinishCallback cancelled the import." : verdict.Message!, false);
        }
        if (behavior == InvalidDataBehaviors.BlockSubmit && invalid > 0)
            return Complete(request, finisher, layout, OutcomePhase.NeedsReview, OutcomeReasons.ValidationErrors,
                $"{invalid:N0} of {rows:N0} rows still have errors and settings.invalidDataBehavior is BLOCK_SUBMIT; fix or delete them.", false);
        var message = rows == 0 ? "Every row was deleted in review; nothing to import."
            : invalid == 0 ? $"Imported {rows:N0} row{(rows == 1 ? "" : "s")} after review."
            : behavior == InvalidDataBehaviors.IncludeInvalidRows
                ? $"Imported {rows:N0} rows after review; {invalid:N0} have errors (kept, as settings.invalidDataBehavior is INCLUDE_INVALID_ROWS; see the metadata)."
                : $"Imported {rows - invalid:N0} of {rows:N0} rows after review; {invalid:N0} row{(invalid == 1 ? "" : "s")} with errors {(invalid == 1 ? "was" : "were")} left out (REMOVE_INVALID_ROWS).";
        return Complete(request, finisher, layout, OutcomePhase.Successful, OutcomeReasons.Completed, message, true);
    }

    private static ImportOutcome Complete(ImportRequest request, RowFinisher finisher, ReviewLayout layout, OutcomePhase phase,
        string reason, string message, bool keepRows) =>
        Pipeline.Finish.Complete(request, finisher, layout.RawHeaders, layout.Mapping!, phase, reason, message, keepRows, [], []);
}
