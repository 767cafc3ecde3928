using System.CommandLine;
using System.Text.Json;
using ImportOperator.Api;
using ImportOperator.Api.V1Alpha1;
using k8s.Models;

namespace ImportOperator.Cli.Import;

/// <summary>
/// <c>retry NAME</c>: a new import with the same spec (an import is one-shot: its spec is immutable). Inline rows
/// are copied with the spec; an uploaded file is not — the status offers no URL to read the input back and the
/// user has no storage credentials — so a file import is retried with <c>--file</c>, uploaded as for submit.
/// </summary>
public static class RetryVerb
{
    public const string RetryOfAnnotation = "importoperator.io/retry-of";

    public static Command Create(VerbContext context)
    {
        var cluster = new ClusterOptions();
        var name = new Argument<string>("NAME") { Description = "The HeadlessImport to run again." };
        var file = new Option<string?>("--file") { Description = "The data file to upload again (required for an import of a file; same extension as its originalFilename)." };
        var newName = new Option<string?>("--name") { Description = "The new import's name (default: generated from the old one's)." };
        var wait = new Option<bool>("--wait") { Description = "Follow the new import until it ends; download the results on success." };
        var output = new Option<string?>("--out") { Description = "Folder for data.json and metadata.json with --wait (default: ./<new import name>/)." };
        var command = new Command("retry", context.Help("""
            Create a new HeadlessImport with the same spec as NAME (schema, settings, hooks, user) and run it like
            submit. Inline rows (initialData) are copied; a file must be given again with --file, since the stored
            input cannot be read back without storage credentials. The new import is annotated importoperator.io/retry-of.
            Exit codes as for submit.
            """,
            "retry contacts-x7k2p --file contacts.csv --wait",
            "retry seed-initial-data -n crm --wait --out out/seed"));
        command.Arguments.Add(name);
        foreach (var option in new Option[] { file, newName, wait, output }) command.Options.Add(option);
        cluster.AddTo(command);
        context.SetAction(command, async (parse, ct) =>
        {
            using var connection = cluster.Connect(parse);
            var old = await connection.GetAsync(parse.GetValue(name)!, ct);
            var dataFile = CheckFile(old, parse.GetValue(file));
            var spec = JsonSerializer.Deserialize<HeadlessImportSpec>(JsonSerializer.Serialize(old.Spec, ApiJson.Options), ApiJson.Options)!;
            var metadata = new V1ObjectMeta
            {
                NamespaceProperty = connection.Namespace,
                Annotations = new Dictionary<string, string> { [RetryOfAnnotation] = old.Metadata.Name },
            };
            if (parse.GetValue(newName) is { } given) metadata.Name = given;
            else metadata.GenerateName = old.Metadata.GenerateName ?? ImportNames.PrefixFrom(old.Metadata.Name);
            using var http = FileUploader.CreateHttpClient();
            var run = new ImportRun(connection, context.Console, http, context.Timings);
            return await run.RunAsync(new RunRequest(new HeadlessImport { Metadata = metadata, Spec = spec }, dataFile, parse.GetValue(wait), parse.GetValue(output)), ct);
        });
        return command;
    }

    private static string? CheckFile(HeadlessImport old, string? file)
    {
        var expected = old.Spec.OriginalFilename;
        if (expected is null)
        {
            if (file is not null) throw new UsageException($"--file {file}: HeadlessImport '{old.Metadata.Name}' imports inline rows (spec.initialData), which are copied; leave --file out.");
            return null;
        }
        if (file is null)
            throw new UsageException($"--file is required: HeadlessImport '{old.Metadata.Name}' imported the file {expected}, which cannot be read back without storage credentials; pass it again with --file.");
        if (!File.Exists(file)) throw new UsageException($"--file {file}: no such file.");
        if (!string.Equals(Path.GetExtension(file), Path.GetExtension(expected), StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--file {file}: the import reads its input as {expected} (by that name's extension); give a {Path.GetExtension(expected)} file, or submit a new import.");
        return file;
    }
}
