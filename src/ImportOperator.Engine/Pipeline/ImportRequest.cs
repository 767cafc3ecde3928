using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Schema;

namespace ImportOperator.Engine.Pipeline;

/// <summary>Everything one import needs: the (merged) schema, the input and where results go.</summary>
public sealed class ImportRequest
{
    /// <summary>The schema's fields, in result order.</summary>
    public required IReadOnlyList<FieldDefinition> Fields { get; init; }

    /// <summary>The settings after merging the import's over the schema's.</summary>
    public ImportSettings Settings { get; init; } = new();

    /// <summary>The hooks after merging the import's over the schema's.</summary>
    public HookDefinitions Hooks { get; init; } = new();

    /// <summary>Identifies the kind of import in the metadata (settings.importIdentifier, else the caller's default).</summary>
    public required string ImportIdentifier { get; init; }

    /// <summary>The file's name as the user gave it (metadata.filename and messages).</summary>
    public required string FileName { get; init; }

    /// <summary>Who the import is for.</summary>
    public ImportUser? User { get; init; }

    /// <summary>
    /// Opens the input from its start. Called more than once when a pass needs the whole file first (column hooks),
    /// so it must return a fresh stream each time; seekable streams let readers validate encodings up front.
    /// </summary>
    public required Func<Stream> OpenInput { get; init; }

    /// <summary>The input's size in bytes when known (maxFileSize and progress).</summary>
    public long? InputLength { get; init; }

    /// <summary>Folder for the results (data.json, metadata.json) and temporary files.</summary>
    public required string OutputDirectory { get; init; }

    public HookSandboxOptions HookOptions { get; init; } = new();

    /// <summary>Told every few thousand rows how far the import is.</summary>
    public IProgress<ImportProgress>? Progress { get; init; }

    /// <summary>Told at the end how long each stage took (<see cref="ImportStages"/>); tracing and metrics hang off it.</summary>
    public IImportObserver? Observer { get; init; }
}

/// <summary>How far an import is: rows processed and bytes of the input read.</summary>
public readonly record struct ImportProgress(long RowsProcessed, long BytesRead, long? TotalBytes)
{
    /// <summary>Percent of the input read, when its size is known.</summary>
    public double? Percent => TotalBytes is > 0 ? Math.Min(100.0, 100.0 * BytesRead / TotalBytes.Value) : null;
}
