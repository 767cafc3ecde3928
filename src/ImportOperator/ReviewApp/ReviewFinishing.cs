using System.Globalization;
using System.Text.Json.Nodes;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Review;
using ImportOperator.Operator.Hosting;
using ImportOperator.Runtime;
using ImportOperator.Storage;
using ImportOperator.Worker;
using k8s;
using k8s.Models;

namespace ImportOperator.ReviewApp;

/// <summary>How pressing Finish ended: finished (results committed, handed back), or refused with the reason shown.</summary>
public sealed record FinishResult(string State, string Reason, string Message)
{
    public const string Finished = "finished";
    public const string Blocked = "blocked";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// Finishes a review: runs <see cref="ReviewFinisher"/> over the table and the edits; when the verdict is final it
/// commits data.json, metadata.json and summary.json (last) with <see cref="ResultsCommitter"/>, then sets the
/// <see cref="ReviewAnnotations.Completed"/> annotation for the operator, which moves the import to the summary's
/// phase, writes its status and sends the webhook. A cancel by beforeFinishCallback, or errors left under
/// BLOCK_SUBMIT, commit nothing: the person sees the message and can go on.
/// </summary>
public sealed class ReviewFinishing(IObjectStore store, IKubernetes client, ReviewWorkspace workspace, TimeProvider time)
{
    private readonly ResourceClient<HeadlessImport> _imports = new(client, OperatorHost.ImportKind);

    public async Task<FinishResult> FinishAsync(ReviewContext context, ReviewSessionState session, ReviewTable table, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow().UtcDateTime;
        var prepared = await workspace.PrepareAsync(context, cancellationToken).ConfigureAwait(false);
        var directory = workspace.NewFinishDirectory(prepared);
        try
        {
            var outcome = await Task.Run(() => ReviewFinisher.Finish(prepared.RequestFor(directory), table, session.Edits(), cancellationToken), cancellationToken).ConfigureAwait(false);
            if (outcome.Phase == OutcomePhase.NeedsReview)
                return new FinishResult(outcome.Reason == Engine.Diagnostics.OutcomeReasons.CancelledByHook ? FinishResult.Cancelled : FinishResult.Blocked,
                    outcome.Reason, outcome.Message);

            var summary = ImportSummary.FromOutcome(outcome, started, time.GetUtcNow().UtcDateTime, prepared.InputLength);
            await using (var data = File.OpenRead(outcome.DataPath))
            await using (var metadata = File.OpenRead(outcome.MetadataPath))
            using (var summaryJson = new MemoryStream(summary.ToUtf8Json(), writable: false))
                await new ResultsCommitter(store).CommitAsync(context.Keys, data, metadata, summaryJson, cancellationToken).ConfigureAwait(false);

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    // Unchanged when it matches; the API server refuses a patch whose uid differs (the import was replaced).
                    ["uid"] = context.Uid,
                    ["annotations"] = new JsonObject
                    {
                        [ReviewAnnotations.Completed] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    },
                },
            };
            await _imports.PatchAsync(new ObjectKey(context.Namespace, context.Name), new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), status: false, cancellationToken).ConfigureAwait(false);
            return new FinishResult(FinishResult.Finished, summary.Reason, summary.Message);
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
