using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Imports;

/// <summary>
/// A HeadlessImport with its schema resolved: the fields (inline or from the ImportSchema), and the settings and
/// hooks merged key by key (the import's given keys win, the schema's others are kept).
/// </summary>
public sealed class ResolvedImport
{
    public required HeadlessImport Import { get; init; }
    public required IReadOnlyList<FieldDefinition> Fields { get; init; }
    public required ImportSettings Settings { get; init; }
    public required HookDefinitions Hooks { get; init; }

    /// <summary>settings.importIdentifier, or the import's name when neither the import nor its schema sets it.</summary>
    public string ImportIdentifier => IdentifierOf(Import, Settings);

    /// <summary>The file name users see: originalFilename, or "initialData" for inline rows.</summary>
    public string FileName => FileNameOf(Import);

    /// <summary>
    /// The engine's request for this import (its fields, merged settings and hooks, identifier, file name and user);
    /// the caller says where the input is, where results go, and how the run is observed. One mapping for the
    /// process verb, the worker and the review app.
    /// </summary>
    public ImportRequest ToEngineRequest(Func<Stream> openInput, long? inputLength, string outputDirectory, int hookParallelism,
        IProgress<ImportProgress>? progress = null, IImportObserver? observer = null) => new()
    {
        Fields = Fields,
        Settings = Settings,
        Hooks = Hooks,
        ImportIdentifier = ImportIdentifier,
        FileName = FileName,
        User = Import.Spec.User,
        OpenInput = openInput,
        InputLength = inputLength,
        OutputDirectory = outputDirectory,
        Progress = progress,
        Observer = observer,
        HookOptions = new HookSandboxOptions { Parallelism = hookParallelism },
    };

    /// <summary>settings.importIdentifier, else the import's name (also for an import whose schema did not resolve).</summary>
    public static string IdentifierOf(HeadlessImport import, ImportSettings? settings) =>
        string.IsNullOrWhiteSpace(settings?.ImportIdentifier) ? import.Metadata.Name : settings!.ImportIdentifier!;

    /// <summary>originalFilename, or "initialData" for inline rows.</summary>
    public static string FileNameOf(HeadlessImport import) => import.Spec.OriginalFilename ?? "initialData";

    /// <summary>
    /// Resolves <paramref name="import"/>; <paramref name="schema"/> is the ImportSchema its schemaRef names (null when
    /// the import has inline fields or the schema was not found — the latter is a problem).
    /// </summary>
    public static ResolvedImport? Resolve(HeadlessImport import, ImportSchema? schema, SchemaProblems problems)
    {
        ImportSpecRules.Check(import.Spec, problems);
        if (problems.Any) return null;
        var spec = import.Spec;
        if (spec.SchemaRef is { } reference)
        {
            if (schema is null)
            {
                problems.Add("spec.schemaRef.name", $"no ImportSchema named '{reference.Name}' in namespace '{import.Metadata.NamespaceProperty ?? "default"}'.");
                return null;
            }
            return new ResolvedImport
            {
                Import = import,
                Fields = schema.Spec.Fields,
                Settings = ImportSettings.Merge(schema.Spec.Settings, spec.Settings),
                Hooks = HookDefinitions.Merge(schema.Spec.Hooks, spec.Hooks),
            };
        }
        return new ResolvedImport
        {
            Import = import,
            Fields = spec.Fields!,
            Settings = spec.Settings ?? new ImportSettings(),
            Hooks = spec.Hooks ?? new HookDefinitions(),
        };
    }
}
