using System.CommandLine;
using ImportOperator.Api.V1Alpha1;

namespace ImportOperator.Cli.Import;

/// <summary><c>results NAME --out DIR</c>: download data.json and metadata.json through the status's presigned URLs.</summary>
public static class ResultsVerb
{
    public static Command Create(VerbContext context)
    {
        var cluster = new ClusterOptions();
        var name = new Argument<string>("NAME") { Description = "The HeadlessImport's name." };
        var output = new Option<string?>("--out") { Description = "Folder for data.json and metadata.json (default: ./<import name>/)." };
        var command = new Command("results", context.Help("""
            Download an import's data.json and metadata.json (no storage credentials needed: the status carries
            presigned URLs, renewed by the operator). Exit codes as for submit, by the import's phase: 0 SUCCESSFUL,
            3 NEEDS_REVIEW (the results as they stand before review), 2 FAILED; 1 when the import does not exist
            or has no results yet.
            """,
            "results contacts-x7k2p --out out/contacts",
            "results contacts-x7k2p -n crm"));
        command.Arguments.Add(name);
        command.Options.Add(output);
        cluster.AddTo(command);
        context.SetAction(command, async (parse, ct) =>
        {
            using var connection = cluster.Connect(parse);
            var import = await connection.GetAsync(parse.GetValue(name)!, ct);
            var phase = import.Status?.Phase;
            if (!ResultsDownloader.HasResults(import))
            {
                context.Console.Error.WriteLine($"error: HeadlessImport '{import.Metadata.Name}' has no results to download (phase {context.Console.Phase(phase)}{(import.Status?.Reason is { } r ? $", {r}" : "")}).");
                if (import.Status?.Message is { } message) context.Console.Error.WriteLine(message);
                return phase is ImportPhases.Failed or ImportPhases.NeedsReview ? ImportExitCodes.OfPhase(phase) : ImportExitCodes.BadArguments;
            }
            using var http = FileUploader.CreateHttpClient();
            var folder = parse.GetValue(output) ?? Path.Combine(Directory.GetCurrentDirectory(), import.Metadata.Name);
            var (data, metadata) = await new ResultsDownloader(http, context.Console).DownloadAsync(import, folder, ct);
            context.Console.Out.WriteLine($"{context.Console.Phase(phase)}: {data}, {metadata}");
            return ImportExitCodes.OfPhase(phase);
        });
        return command;
    }
}
