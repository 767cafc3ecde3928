using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Results;
using k8s.Models;

namespace ImportOperator.Imports;

/// <summary>Turns an engine outcome into the HeadlessImport status the operator (or the process command) writes.</summary>
public static class ImportStatusMapper
{
    public static string PhaseOf(OutcomePhase phase) => phase switch
    {
        OutcomePhase.Successful => ImportPhases.Successful,
        OutcomePhase.NeedsReview => ImportPhases.NeedsReview,
        _ => ImportPhases.Failed,
    };

    public static HeadlessImportStatus FromOutcome(HeadlessImport import, ImportOutcome outcome, DateTime startTime,
        DateTime endTime, ImportResultLocation? result)
    {
        var phase = PhaseOf(outcome.Phase);
        return new HeadlessImportStatus
        {
            Phase = phase,
            Id = import.Metadata.Uid,
            OriginalFilename = import.Spec.OriginalFilename,
            Reason = outcome.Reason,
            Message = outcome.Message,
            ResultMetadata = CountsOf(outcome),
            ImportErrors = ErrorsOf(outcome),
            Result = result,
            StartTime = startTime,
            CompletionTime = ImportPhases.IsFinished(phase) ? endTime : null,
            ObservedGeneration = import.Metadata.Generation,
            Conditions =
            [
                new V1Condition
                {
                    Type = phase switch
                    {
                        ImportPhases.Successful => "Complete",
                        ImportPhases.NeedsReview => "NeedsReview",
                        _ => "Failed",
                    },
                    Status = "True",
                    Reason = outcome.Reason,
                    Message = outcome.Message,
                    LastTransitionTime = endTime,
                    ObservedGeneration = import.Metadata.Generation,
                },
            ],
        };
    }

    /// <summary>The outcome's row counts as the status shows them.</summary>
    public static ResultMetadata CountsOf(ImportOutcome outcome) => new()
    {
        NumDataRows = outcome.NumDataRows,
        NumValidRows = outcome.NumValidRows,
        NumInvalidRows = outcome.NumInvalidRows,
        NumResultRows = outcome.NumResultRows,
    };

    /// <summary>The first problems (the status's contract: at most 100), as the status shows them.</summary>
    public static List<ImportErrorEntry> ErrorsOf(ImportOutcome outcome) =>
        outcome.FirstIssues.Take(ImportOutcome.MaxIssuesInStatus).Select(issue => new ImportErrorEntry
        {
            RowIndex = issue.RowIndex,
            FieldKey = issue.FieldKey,
            Message = issue.Message,
            Level = LevelNames.Of(issue.Level),
            Value = issue.Value.IsNull ? null : issue.Value.ToText(),
        }).ToList();

    /// <summary>A FAILED status for an import whose spec or schema is invalid (nothing was read).</summary>
    public static HeadlessImportStatus Invalid(HeadlessImport import, string reason, string message, DateTime now) => new()
    {
        Phase = ImportPhases.Failed,
        Id = import.Metadata.Uid,
        OriginalFilename = import.Spec.OriginalFilename,
        Reason = reason,
        Message = message,
        CompletionTime = now,
        ObservedGeneration = import.Metadata.Generation,
        Conditions =
        [
            new V1Condition
            {
                Type = "Failed", Status = "True", Reason = reason, Message = message, LastTransitionTime = now,
                ObservedGeneration = import.Metadata.Generation,
            },
        ],
    };
}
