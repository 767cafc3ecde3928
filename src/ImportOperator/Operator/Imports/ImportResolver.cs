using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Schema;
using ImportOperator.Imports;
using ImportOperator.Runtime;
using ImportOperator.Runtime.Informers;
using ImportOperator.Storage;

namespace ImportOperator.Operator.Imports;

/// <summary>What resolving an import against the cached ImportSchemas gave.</summary>
public sealed record ImportResolution(ResolvedImport? Resolved, ImportSchema? Schema, bool SchemaMissing, string? FailureReason, string? FailureMessage);

/// <summary>Resolves schemaRef (same namespace only) and checks the merged schema the way the engine will use it.</summary>
public static class ImportResolver
{
    public const string SchemaNotFound = "SchemaNotFound";
    public const string InvalidSpec = "InvalidSpec";
    public const string InvalidSchema = "InvalidSchema";

    /// <summary>The file name the input is stored under: originalFilename, or initialData.json for inline rows.</summary>
    public static string StoredFileName(HeadlessImport import) => Worker.WorkerRequest.InputFileNameOf(import);

    public static ImportObjectKeys KeysOf(HeadlessImport import) =>
        ImportObjectKeys.For(import.Metadata.NamespaceProperty, import.Metadata.Name, import.Metadata.Uid, StoredFileName(import));

    public static ImportResolution Resolve(HeadlessImport import, Informer<ImportSchema> schemas)
    {
        var schema = import.Spec.SchemaRef is { } reference && !string.IsNullOrWhiteSpace(reference.Name)
            ? schemas.Get(new ObjectKey(import.Metadata.NamespaceProperty, reference.Name))
            : null;
        var problems = new SchemaProblems();
        var resolved = ResolvedImport.Resolve(import, schema, problems);
        if (resolved is null)
        {
            var missing = import.Spec.SchemaRef is not null && schema is null && problems.All.All(p => p.Path == "spec.schemaRef.name");
            return new(null, schema, missing, missing ? SchemaNotFound : InvalidSpec, string.Join("; ", problems.All));
        }
        var schemaProblems = ImportSchemaChecks.Check(resolved.Fields, resolved.Settings, resolved.Hooks);
        if (schemaProblems.Any)
        {
            var origin = schema is null ? "spec" : $"ImportSchema '{schema.Metadata.Name}' (merged with this import's settings and hooks)";
            return new(null, schema, false, InvalidSchema, $"{origin}: {string.Join("; ", schemaProblems.All)}");
        }
        try { KeysOf(import); }
        catch (ArgumentException e) { return new(null, schema, false, InvalidSpec, "spec.originalFilename: " + e.Message); }
        return new(resolved, schema, false, null, null);
    }

    /// <summary>The settings in effect: the schema's (when it still exists) merged with the import's.</summary>
    public static ImportSettings EffectiveSettings(HeadlessImport import, Informer<ImportSchema> schemas)
    {
        var schema = import.Spec.SchemaRef is { } reference ? schemas.Get(new ObjectKey(import.Metadata.NamespaceProperty, reference.Name)) : null;
        return ImportSettings.Merge(schema?.Spec.Settings, import.Spec.Settings);
    }
}
