using System.Diagnostics;
using System.Text.Json.Nodes;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// The end of an import whose rows were all finished: allowEmptySubmit, beforeFinishCallback, invalidDataBehavior and
/// the maxRecords warning decide the outcome, and the result files are written. One place, so that a single-pod run
/// and the merge of a split run decide alike.
/// </summary>
internal static class ImportVerdict
{
    /// <summary>
    /// Decides and writes the results. <c>dropped</c>: data rows past settings.maxRecords (not imported);
    /// <c>beforeFinishBusy</c>: how long beforeFinishCallback ran (the caller's write stage leaves it out).
    /// </summary>
    public static ImportOutcome Decide(ImportRequest request, CompiledHooks hooks, StageClock clock, RowFinisher finisher,
        TableLayout layout, long dropped, out TimeSpan beforeFinishBusy)
    {
        beforeFinishBusy = TimeSpan.Zero;
        var settings = request.Settings;
        var behavior = settings.InvalidDataBehavior ?? InvalidDataBehaviors.RemoveInvalidRows;
        var warnings = new List<string>();
        if (dropped > 0)
            warnings.Add($"settings.maxRecords is {settings.MaxRecords:N0}: {dropped:N0} further data row{(dropped == 1 ? " was" : "s were")} not imported.");
        var rows = finisher.Rows;
        var invalid = finisher.InvalidRows;

        if (rows == 0 && settings.AllowEmptySubmit == false)
            return Finish.Complete(request, finisher, layout, OutcomePhase.Failed, OutcomeReasons.NoDataRows,
                $"{request.FileName} has a header but no data rows, and settings.allowEmptySubmit is false.", false, warnings, hooks);

        if (hooks.HasBeforeFinish)
        {
            var hookClock = Stopwatch.GetTimestamp();
            var verdict = clock.Time(ImportStages.Hooks, () => hooks.RunBeforeFinish(finisher.HookData, HookMetadata(request, layout, rows, invalid)));
            beforeFinishBusy = Stopwatch.GetElapsedTime(hookClock);
            if (verdict.Cancel)
                return Finish.Complete(request, finisher, layout, OutcomePhase.NeedsReview, OutcomeReasons.CancelledByHook,
                    string.IsNullOrWhiteSpace(verdict.Message) ? "beforeFinishCallback cancelled the import." : verdict.Message!,
                    false, warnings, hooks);
        }

        if (behavior == InvalidDataBehaviors.BlockSubmit && invalid > 0)
            return Finish.Complete(request, finisher, layout, OutcomePhase.NeedsReview, OutcomeReasons.ValidationErrors,
                $"{invalid:N0} of {rows:N0} rows have errors and settings.invalidDataBehavior is BLOCK_SUBMIT; fix them in review.",
                false, warnings, hooks);

        var message = rows == 0 ? $"{request.FileName} has no data rows; nothing to import."
            : invalid == 0 ? $"Imported {rows:N0} row{(rows == 1 ? "" : "s")}."
            : behavior == InvalidDataBehaviors.IncludeInvalidRows
                ? $"Imported {rows:N0} rows; {invalid:N0} have errors (kept, as settings.invalidDataBehavior is INCLUDE_INVALID_ROWS; see the metadata)."
                : $"Imported {rows - invalid:N0} of {rows:N0} rows; {invalid:N0} row{(invalid == 1 ? "" : "s")} with errors {(invalid == 1 ? "was" : "were")} left out (REMOVE_INVALID_ROWS).";
        return Finish.Complete(request, finisher, layout, OutcomePhase.Successful, OutcomeReasons.Completed, message, true, warnings, hooks);
    }

    private static JsonObject HookMetadata(ImportRequest request, TableLayout layout, long rows, long invalid) => new()
    {
        ["importIdentifier"] = request.ImportIdentifier,
        ["filename"] = request.FileName,
        ["user"] = request.User is { } user ? JsonUser(user) : null,
        ["rawHeaders"] = new JsonArray(layout.RawHeaders.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
        ["numDataRows"] = rows,
        ["numValidRows"] = rows - invalid,
        ["numInvalidRows"] = invalid,
    };

    private static JsonObject JsonUser(ImportUser user) => new()
    {
        ["id"] = user.Id, ["name"] = user.Name, ["email"] = user.Email,
        ["companyName"] = user.CompanyName, ["companyId"] = user.CompanyId,
    };

    /// <summary>Per field: whether a unique-family validator reads it (a spill keeps those cells of every row).</summary>
    public static bool[] UniqueFields(IReadOnlyList<FieldDefinition> fields) => fields.Select(field => (field.Validators ?? []).Any(v =>
        v.Validate is ValidatorKinds.Unique or ValidatorKinds.UniqueCaseInsensitive or ValidatorKinds.UniqueWith)).ToArray();
}
