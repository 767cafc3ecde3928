using System.CommandLine;

namespace ImportOperator.Cli.Import;

/// <summary><c>get NAME</c>: a human summary of one import, or the object itself with -o json|yaml.</summary>
public static class GetVerb
{
    public static Command Create(VerbContext context)
    {
        var cluster = new ClusterOptions();
        var name = new Argument<string>("NAME") { Description = "The HeadlessImport's name." };
        var output = new Option<string?>(ObjectOutput.Flag, "-o") { Description = "Print the object as json or yaml instead of the summary." };
        output.AcceptOnlyFromAmong(ObjectOutput.Formats);
        var command = new Command("get", context.Help("""
            Show one import: phase, reason and message, row counts, the first problems, and its links (upload URL while
            AWAITING_UPLOAD, review link while NEEDS_REVIEW, results once done). With -o json|yaml, the object itself.
            Exit code: 0 when shown, 1 when there is no such import.
            """,
            "get contacts-x7k2p",
            "get contacts-x7k2p -n crm -o yaml",
            "get contacts-x7k2p -o json | jq .status.resultMetadata"));
        command.Arguments.Add(name);
        command.Options.Add(output);
        cluster.AddTo(command);
        context.SetAction(command, async (parse, ct) =>
        {
            using var connection = cluster.Connect(parse);
            var import = await connection.GetAsync(parse.GetValue(name)!, ct);
            if (parse.GetValue(output) is { } format) context.Console.Out.WriteLine(ObjectOutput.Render(import, format).TrimEnd());
            else ImportDescription.Write(context.Console, import);
            return ImportExitCodes.Successful;
        });
        return command;
    }
}
