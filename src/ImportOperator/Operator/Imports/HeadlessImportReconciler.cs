using ImportOperator.Api.V1Alpha1;
using ImportOperator.Operator.Jobs;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Helpers;

namespace ImportOperator.Operator.Imports;

/// <summary>
/// Reconciles one HeadlessImport from wherever its status says it is. Every step is idempotent and recorded in
/// status before the next one starts, so a restart (or a new leader) picks up exactly where the last one stopped.
/// The finalizer goes on before anything is created, so nothing stored can outlive the import.
/// </summary>
public sealed class HeadlessImportReconciler : IReconciler<HeadlessImport>
{
    readonly ImportOperatorServices _s;
    readonly ImportStartStage _start;
    readonly UploadStage _upload;
    readonly ProcessingStage _processing;
    readonly FinishedStage _finished;
    readonly ImportCleanup _cleanup;

    public HeadlessImportReconciler(ImportOperatorServices services)
    {
        _s = services;
        var transitions = new ImportTransitions(services);
        _finished = new FinishedStage(services);
        _processing = new ProcessingStage(services, transitions, _finished);
        _upload = new UploadStage(services, transitions, _processing, _finished);
        _start = new ImportStartStage(services, transitions, _upload, _processing, _finished);
        _cleanup = new ImportCleanup(services);
    }

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<HeadlessImport> request, CancellationToken ct)
    {
        var import = request.Object;
        if (import is null) return ReconcileResult.Done;
        try
        {
            if (import.Metadata.DeletionTimestamp is not null) return await _cleanup.FinalizeAsync(import, ct).ConfigureAwait(false);
            if (!Finalizers.Has(import, ImportLabels.CleanupFinalizer))
                import = await Finalizers.AddAsync(_s.Imports, import, ImportLabels.CleanupFinalizer, ct).ConfigureAwait(false);

            return import.Status?.Phase switch
            {
                null or "" => await _start.RunAsync(import, ct).ConfigureAwait(false),
                ImportPhases.AwaitingUpload => await _upload.RunAsync(import, ct).ConfigureAwait(false),
                ImportPhases.Pending => await _processing.StartAsync(import, ct).ConfigureAwait(false),
                ImportPhases.Running => await _processing.FollowAsync(import, ct).ConfigureAwait(false),
                ImportPhases.NeedsReview => await _processing.FollowReviewAsync(import, ct).ConfigureAwait(false),
                _ => await _finished.RunAsync(import, ct).ConfigureAwait(false),
            };
        }
        catch (StaleImportException)
        {
            return ReconcileResult.Retry;
        }
    }
}
