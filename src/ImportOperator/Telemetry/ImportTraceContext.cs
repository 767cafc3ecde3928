using System.Diagnostics;
using System.Text.Json;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Helpers;
using k8s.Models;

namespace ImportOperator.Telemetry;

/// <summary>
/// One import, one trace: the first reconcile that sees an import stores its own span's context (W3C traceparent)
/// in the annotation <see cref="Annotation"/>; every later reconcile's span is a child of it, and the processing Job
/// gets it (as TRACEPARENT) from the reconcile that creates it. Thus apply → upload → Job → worker stages → verdict
/// is one trace, even across operator restarts and leader changes.
/// </summary>
public static class ImportTraceContext
{
    public const string Annotation = "importoperator.io/trace-context";

    /// <summary>The trace the import belongs to, when its annotation holds a valid traceparent.</summary>
    public static ActivityContext? Of(HeadlessImport import) =>
        import.Metadata.Annotations?.TryGetValue(Annotation, out var value) == true
        && ActivityContext.TryParse(value, null, isRemote: true, out var context) ? context : null;

    /// <summary>The W3C traceparent of a span.</summary>
    public static string TraceParent(Activity activity) =>
        $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{((activity.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";

    /// <summary>
    /// Stores the current span's context on an import that has none (merge patch guarded by resourceVersion; a
    /// conflict retries on a fresh read); returns the import as stored. Nothing to do when no span is recorded.
    /// </summary>
    public static async Task<HeadlessImport> EnsureAsync(ResourceClient<HeadlessImport> imports, HeadlessImport import, CancellationToken ct)
    {
        if (Of(import) is not null || Activity.Current is not { } span || import.Metadata.DeletionTimestamp is not null) return import;
        var traceParent = TraceParent(span);
        return await Conflicts.RetryOnConflictAsync(async attempt =>
        {
            var current = attempt == 1 ? import : await imports.GetAsync(ObjectKey.Of(import), ct).ConfigureAwait(false);
            if (Of(current) is not null) return current;
            var patch = JsonSerializer.Serialize(new
            {
                metadata = new { annotations = new Dictionary<string, string> { [Annotation] = traceParent }, resourceVersion = current.Metadata.ResourceVersion },
            });
            return await imports.PatchAsync(ObjectKey.Of(current), new V1Patch(patch, V1Patch.PatchType.MergePatch), status: false, ct).ConfigureAwait(false);
        }, ct: ct).ConfigureAwait(false);
    }
}
