using System.CommandLine;
using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Diagnostics;
using ImportOperator.Engine.Hooks;
using ImportOperator.Engine.Pipeline;
using ImportOperator.Engine.Results;
using ImportOperator.Imports;
using ImportOperator.Manifests;

namespace ImportOperator.Cli;

/// <summary>
/// The local <c>process</c> verb: reads a HeadlessImport (and the ImportSchema it names) from manifests, runs the
/// same pipeline as the processing Job on the local file system, and writes status.json, data.json and
/// metadata.json. Exit codes: 0 SUCCESSFUL, 3 NEEDS_REVIEW, 2 FAILED, 1 bad arguments or manifests.
/// </summary>
public static class ProcessCommand
{
    public const int ExitSuccessful = 0;
    public const int ExitBadInput = 1;
    public const int ExitFailed = 2;
    public const int ExitNeedsReview = 3;

    public static Command Create()
    {
        var manifests = new Option<string[]>("--filename", "-f")
        {
            Description = "A manifest file (YAML, several documents allowed) or a folder of them, holding the HeadlessImport and the ImportSchema it names. Repeat for several.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var file = new Option<string?>("--file")
        {
            Description = "The data file to import (CSV, TSV, XLSX, XLS or JSON), for an import with originalFilename.",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for status.json, data.json and metadata.json (created if needed).",
            Required = true,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress line, even on a terminal." };
        var hookEngines = new Option<int?>("--hook-engines")
        {
            Description = "How many JavaScript engines run row hooks in parallel (default: one per core; results are the same for any number).",
        };
        var csv = new Option<bool>("--csv")
        {
            Description = "Also write <out>/data.csv: the result rows as CSV (UTF-8, header = field keys), formula-like cells neutralised with a leading '.",
        };
        var splitChunkBytes = new Option<long?>("--split-chunk-bytes")
        {
            Description = "Process a delimited text file as chunks of about this many bytes, as the operator's Indexed Job does (plan, every chunk in parallel, merge); prints how many chunks were used, or why the file was processed whole. The results are the same byte for byte.",
        };
        var command = new Command("process", """
            Process one HeadlessImport locally, without a cluster: the same pipeline as the processing Job.
            Writes <out>/status.json (the status the operator would write), <out>/data.json and <out>/metadata.json.
            Exit codes: 0 SUCCESSFUL, 3 NEEDS_REVIEW, 2 FAILED, 1 bad arguments or manifests.

            Example:
              import-operator process -f samples/contacts-schema.yaml -f samples/contacts-import.yaml \
                --file samples/contacts.csv --out out/
            """);
        command.Options.Add(manifests);
        command.Options.Add(file);
        command.Options.Add(output);
        command.Options.Add(quiet);
        command.Options.Add(hookEngines);
        command.Options.Add(csv);
        command.Options.Add(splitChunkBytes);
        command.SetAction((parseResult, cancellationToken) => Task.FromResult(Run(
            parseResult.GetValue(manifests)!, parseResult.GetValue(file), parseResult.GetValue(output)!,
            parseResult.GetValue(quiet), cancellationToken, parseResult.GetValue(hookEngines), parseResult.GetValue(csv),
            parseResult.GetValue(splitChunkBytes))));
        return command;
    }

    public static int Run(string[] manifestPaths, string? dataFile, string outputDirectory, bool quiet,
        CancellationToken cancellationToken, int? hookEngines = null, bool csv = false, long? splitChunkBytes = null)
    {
        if (hookEngines is < 1)
        {
            Console.Error.WriteLine("error: --hook-engines must be at least 1.");
            return ExitBadInput;
        }
        if (splitChunkBytes is < 1)
        {
            Console.Error.WriteLine("error: --split-chunk-bytes must be at least 1.");
            return ExitBadInput;
        }
        Located<HeadlessImport> located;
        ManifestSet set;
        try
        {
            set = ManifestSet.Load(manifestPaths);
            located = set.SingleImport();
        }
        catch (ManifestException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitBadInput;
        }

        var import = located.Value;
        import.Metadata.Uid ??= Guid.NewGuid().ToString();
        var started = DateTime.UtcNow;
        var problems = new SchemaProblems();
        var schema = import.Spec.SchemaRef is { } reference ? set.FindSchema(reference.Name, import.Metadata.NamespaceProperty)?.Value : null;
        var resolved = ResolvedImport.Resolve(import, schema, problems);
        if (resolved is null)
            return RefuseManifest(located, outputDirectory, import.Spec.SchemaRef is not null && schema is null && problems.All.All(p => p.Path == "spec.schemaRef.name")
                ? "SchemaNotFound" : "InvalidSpec", problems, started);

        if (!TryOpenInput(resolved, dataFile, out var input, out var argumentError))
        {
            Console.Error.WriteLine($"error: {argumentError}");
            return ExitBadInput;
        }

        using var progress = quiet || splitChunkBytes is not null ? null : TerminalProgress.StartIfInteractive();
        ImportRequest RequestWith(int hookParallelism) =>
            resolved.ToEngineRequest(input!.Open, input.Length, outputDirectory, hookParallelism, progress);
        var outcome = splitChunkBytes is { } chunkBytes
            ? LocalSplit.Run(RequestWith, hookEngines, dataFile, chunkBytes, cancellationToken)
            : ImportProcessor.Run(RequestWith(hookEngines ?? Environment.ProcessorCount), cancellationToken);
        progress?.Complete();

        if (outcome.Reason == OutcomeReasons.InvalidSchema)
        {
            // The engine already wrote empty data.json and metadata.json; the manifest is what is wrong.
            WriteStatus(outputDirectory, ImportStatusMapper.Invalid(import, outcome.Reason, $"{located.Origin}: {outcome.Message}", DateTime.UtcNow));
            Console.Error.WriteLine($"error: {located.Origin}: {outcome.Message}");
            return ExitBadInput;
        }

        if (csv)
            CsvResultsWriter.Write(outcome.DataPath, resolved.Fields.Select(f => f.Key).ToArray(), Path.Combine(outputDirectory, CsvResultsWriter.FileName));

        var location = new ImportResultLocation { Data = Path.GetFullPath(outcome.DataPath), Metadata = Path.GetFullPath(outcome.MetadataPath) };
        var status = ImportStatusMapper.FromOutcome(import, outcome, started, DateTime.UtcNow, location);
        WriteStatus(outputDirectory, status);
        foreach (var line in outcome.HookLog) Console.Error.WriteLine($"hook: {line}");
        Console.WriteLine($"{status.Phase} ({status.Reason}): {status.Message}");
        Console.WriteLine($"results: {location.Data}, {location.Metadata}{(csv ? ", " + Path.GetFullPath(Path.Combine(outputDirectory, CsvResultsWriter.FileName)) : "")}");
        return outcome.Phase switch
        {
            OutcomePhase.Successful => ExitSuccessful,
            OutcomePhase.NeedsReview => ExitNeedsReview,
            _ => ExitFailed,
        };
    }

    /// <summary>A spec that breaks the rules: the FAILED status the operator would write, and exit code 1.</summary>
    private static int RefuseManifest(Located<HeadlessImport> located, string outputDirectory, string reason, SchemaProblems problems, DateTime now)
    {
        var message = $"{located.Origin}: {string.Join("; ", problems.All)}";
        Directory.CreateDirectory(outputDirectory);
        WriteStatus(outputDirectory, ImportStatusMapper.Invalid(located.Value, reason, message, now));
        var import = located.Value;
        EmptyResults.Write(outputDirectory, ResolvedImport.IdentifierOf(import, import.Spec.Settings),
            ResolvedImport.FileNameOf(import), import.Spec.User, import.Spec.Fields ?? []);
        Console.Error.WriteLine($"error: {message}");
        return ExitBadInput;
    }

    private static bool TryOpenInput(ResolvedImport resolved, string? dataFile, out ImportInput? input, out string? error)
    {
        input = null;
        error = null;
        var spec = resolved.Import.Spec;
        if (spec.InitialData is { } rows)
        {
            if (dataFile is not null)
            {
                error = $"--file {dataFile} was given, but HeadlessImport '{resolved.Import.Metadata.Name}' imports spec.initialData; leave --file out.";
                return false;
            }
            input = ImportInput.FromInitialData(rows);
            return true;
        }
        if (dataFile is null)
        {
            error = $"HeadlessImport '{resolved.Import.Metadata.Name}' expects an uploaded file (originalFilename: {spec.OriginalFilename}); pass it with --file.";
            return false;
        }
        if (!File.Exists(dataFile))
        {
            error = $"--file {dataFile}: no such file.";
            return false;
        }
        input = ImportInput.FromFile(dataFile);
        return true;
    }

    private static void WriteStatus(string outputDirectory, HeadlessImportStatus status)
    {
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "status.json"), JsonSerializer.Serialize(status, ApiJson.Indented) + "\n");
    }
}
