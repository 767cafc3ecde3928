using System.CommandLine;
using ImportOperator.Api.V1Alpha1;
using ImportOperator.Engine.Schema;
using k8s.Models;

namespace ImportOperator.Cli.Import;

/// <summary><c>submit</c>: create a HeadlessImport, upload its file, and with --wait follow it and fetch the results.</summary>
public static class SubmitVerb
{
    public static Command Create(VerbContext context)
    {
        var cluster = new ClusterOptions();
        var schema = new Option<string?>("--schema") { Description = "Import against this ImportSchema (in the import's namespace). Exactly one of --schema and --fields." };
        var fields = new Option<string?>("--fields") { Description = "Import against an inline schema: a YAML or JSON file with a list of fields, an object with fields (and settings, hooks), or an ImportSchema manifest." };
        var file = new Option<string>("--file") { Description = "The data file to upload (CSV, TSV, XLSX, XLS or JSON); streamed from disk.", Required = true };
        var settings = new Option<string[]>("--settings")
        {
            Description = "Import settings as key=value; dotted keys for nested ones (matchingStep.headerRowOverride=2). Repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string?>("--name") { Description = "The import's name (default: generated from the file name)." };
        var generateName = new Option<string?>("--generate-name") { Description = "Prefix for a generated name (default: the file name's stem and a dash)." };
        var wait = new Option<bool>("--wait") { Description = "Follow the import until it ends; download the results on success." };
        var output = new Option<string?>("--out") { Description = "Folder for data.json and metadata.json with --wait (default: ./<import name>/)." };

        var command = new Command("submit", context.Help("""
            Create a HeadlessImport, upload the file to its presigned URL, and with --wait follow it to its end:
            SUCCESSFUL downloads data.json and metadata.json; NEEDS_REVIEW prints the review link; FAILED prints why.
            Exit codes: 0 SUCCESSFUL (or created and uploaded, without --wait), 3 NEEDS_REVIEW, 2 FAILED,
            1 bad arguments (or a request the API server refused), 130 interrupted.
            """,
            "submit --schema contacts --file contacts.csv --wait",
            "submit --fields fields.yaml --file people.xlsx -n crm --settings invalidDataBehavior=BLOCK_SUBMIT maxRecords=100 --wait --out out/",
            "submit --schema contacts --file big.csv --name contacts-2026-11 --settings matchingStep.headerRowOverride=2"));
        cluster.AddTo(command);
        foreach (var option in new Option[] { schema, fields, file, settings, name, generateName, wait, output }) command.Options.Add(option);

        context.SetAction(command, async (parse, ct) =>
        {
            var spec = BuildSpec(parse.GetValue(schema), parse.GetValue(fields), parse.GetValue(file)!, parse.GetValue(settings) ?? []);
            var metadata = Metadata(parse.GetValue(name), parse.GetValue(generateName), parse.GetValue(file)!);
            using var connection = cluster.Connect(parse);
            if (spec.SchemaRef is { } reference && !await connection.SchemaExistsAsync(reference.Name, ct))
                throw new UsageException($"--schema {reference.Name}: no ImportSchema '{reference.Name}' in namespace '{connection.Namespace}'.");
            metadata.NamespaceProperty = connection.Namespace;
            using var http = FileUploader.CreateHttpClient();
            var run = new ImportRun(connection, context.Console, http, context.Timings);
            return await run.RunAsync(new RunRequest(new HeadlessImport { Metadata = metadata, Spec = spec }, parse.GetValue(file), parse.GetValue(wait), parse.GetValue(output)), ct);
        });
        return command;
    }

    private static HeadlessImportSpec BuildSpec(string? schema, string? fieldsPath, string file, string[] settingPairs)
    {
        if ((schema is null) == (fieldsPath is null))
            throw new UsageException(schema is null ? "give --schema NAME or --fields FILE (the schema to import against)." : "give either --schema or --fields, not both.");
        if (!File.Exists(file)) throw new UsageException($"--file {file}: no such file.");
        var overrides = SettingsArguments.Parse(settingPairs);
        var spec = new HeadlessImportSpec { OriginalFilename = Path.GetFileName(file) };
        if (schema is not null)
        {
            spec.SchemaRef = new SchemaReference { Name = schema };
            spec.Settings = overrides;
            return spec;
        }
        var inline = FieldsFile.Load(fieldsPath!);
        spec.Fields = inline.Fields;
        spec.Hooks = inline.Hooks;
        spec.Settings = inline.Settings is null ? overrides : overrides is null ? inline.Settings : ImportSettings.Merge(inline.Settings, overrides);
        return spec;
    }

    private static V1ObjectMeta Metadata(string? name, string? generateName, string file)
    {
        if (name is not null && generateName is not null) throw new UsageException("give either --name or --generate-name, not both.");
        if (name is not null) return new V1ObjectMeta { Name = name };
        return new V1ObjectMeta { GenerateName = generateName ?? ImportNames.PrefixFrom(Path.GetFileNameWithoutExtension(file)) };
    }
}
