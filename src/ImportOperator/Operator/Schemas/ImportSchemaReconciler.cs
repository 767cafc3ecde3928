using ImportOperator.Api.V1Alpha1;
using ImportOperator.Imports;
using ImportOperator.Operator.Imports;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Controllers;
using ImportOperator.Runtime.Helpers;

namespace ImportOperator.Operator.Schemas;

/// <summary>
/// Checks an ImportSchema as the engine will use it (fields, types, validators, settings, hooks compiled) and writes
/// Ready with the precise problem, fieldCount and observedGeneration. Runs again on every spec change.
/// </summary>
public sealed class ImportSchemaReconciler(ResourceClient<ImportSchema> schemas, TimeProvider? time = null) : IReconciler<ImportSchema>
{
    public const string Ready = "Ready";

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ImportSchema> request, CancellationToken ct)
    {
        var schema = request.Object;
        if (schema is null) return ReconcileResult.Done;
        var problems = ImportSchemaChecks.Check(schema.Spec.Fields, schema.Spec.Settings, schema.Spec.Hooks);
        var ready = !problems.Any;
        var reason = ready ? "Valid" : "InvalidSchema";
        var hookCount = (schema.Spec.Hooks?.RowHooks?.Count ?? 0) + (schema.Spec.Hooks?.ColumnHooks?.Count ?? 0) + (schema.Spec.Hooks?.BulkRowHooks?.Count ?? 0)
            + (string.IsNullOrWhiteSpace(schema.Spec.Hooks?.BeforeFinishCallback) ? 0 : 1);
        var message = ready
            ? $"{schema.Spec.Fields.Count} field(s) and {hookCount} hook(s) checked."
            : string.Join("; ", problems.All);

        var current = schema.Status;
        var condition = current?.Conditions?.FirstOrDefault(c => c.Type == Ready);
        if (current?.ObservedGeneration == schema.Metadata.Generation && condition?.Status == (ready ? "True" : "False")
            && condition?.Message == message && current?.FieldCount == schema.Spec.Fields.Count)
            return ReconcileResult.Done;

        var now = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        try
        {
            await StatusWriter.PatchStatusAsync(schemas, schema, s => new ImportSchemaStatus
            {
                ObservedGeneration = s.Metadata.Generation,
                FieldCount = s.Spec.Fields.Count,
                Conditions = ImportConditions.Set(s.Status?.Conditions, Ready, ready, reason, message, now, s.Metadata.Generation),
            }, ct).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (Conflicts.IsNotFound(e)) { }
        return ReconcileResult.Done;
    }
}
