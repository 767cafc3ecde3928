using ImportOperator.Api.V1Alpha1;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Helpers;
using Microsoft.Extensions.Logging;

namespace ImportOperator.Telemetry;

/// <summary>
/// Wraps the import reconciler: every line logged during a reconcile carries the import's namespace, name and uid
/// (a logging scope), the reconcile span is tagged with them, and an import seen for the first time gets its trace
/// context annotation (<see cref="ImportTraceContext"/>) before anything else happens to it.
/// </summary>
public sealed class TracedImportReconciler(IReconciler<HeadlessImport> inner, ResourceClient<HeadlessImport> imports, ILogger logger) : IReconciler<HeadlessImport>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<HeadlessImport> request, CancellationToken ct)
    {
        var import = request.Object;
        if (import is null) return await inner.ReconcileAsync(request, ct).ConfigureAwait(false);
        using var scope = logger.BeginScope(ImportLogScope.Of(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid));
        ImportTelemetry.TagImport(System.Diagnostics.Activity.Current, import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid);
        try
        {
            import = await ImportTraceContext.EnsureAsync(imports, import, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Conflicts.IsNotFound(e))
        {
            return ReconcileResult.Done; // deleted meanwhile: its delete event reconciles what is left
        }
        return await inner.ReconcileAsync(request with { Object = import }, ct).ConfigureAwait(false);
    }
}
