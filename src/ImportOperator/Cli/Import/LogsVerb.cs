using System.CommandLine;

namespace ImportOperator.Cli.Import;

/// <summary><c>logs NAME</c>: the processing pod's log, through the API's pods/log like <c>kubectl logs</c>.</summary>
public static class LogsVerb
{
    public static Command Create(VerbContext context)
    {
        var cluster = new ClusterOptions();
        var name = new Argument<string>("NAME") { Description = "The HeadlessImport's name." };
        var all = new Option<bool>("--all-attempts") { Description = "Print the log of every attempt (pod), oldest first, not only the last." };
        var command = new Command("logs", context.Help("""
            Print the log of the import's processing pod (the worker's stages, progress and failure). A Job retried
            after a failure has one pod per attempt; the last one is shown unless --all-attempts.
            Exit code: 0 when printed, 1 when the import does not exist or has no processing pod (yet, or any more).
            """,
            "logs contacts-x7k2p",
            "logs contacts-x7k2p -n crm --all-attempts"));
        command.Arguments.Add(name);
        command.Options.Add(all);
        cluster.AddTo(command);
        context.SetAction(command, async (parse, ct) =>
        {
            using var connection = cluster.Connect(parse);
            var import = await connection.GetAsync(parse.GetValue(name)!, ct);
            var pods = await ProcessingLog.PodsAsync(connection, import, ct);
            if (pods.Count == 0)
            {
                context.Console.Error.WriteLine($"error: HeadlessImport '{import.Metadata.Name}' has no processing pod (phase {context.Console.Phase(import.Status?.Phase)}): " +
                    "it runs once the file has arrived, and a finished Job's pods may have been cleaned up.");
                return ImportExitCodes.BadArguments;
            }
            var shown = parse.GetValue(all) ? pods : [pods[^1]];
            foreach (var pod in shown)
            {
                if (shown.Count > 1) context.Console.Out.WriteLine($"==> pod {pod.Metadata.Name} ({pod.Status?.Phase}) <==");
                context.Console.Out.Write(await ProcessingLog.ReadAsync(connection, pod, ct));
            }
            if (shown.Count == 1 && pods.Count > 1)
                context.Console.Error.WriteLine(context.Console.Dim($"({pods.Count} attempts; this is the last, pod {pods[^1].Metadata.Name}; --all-attempts for every one)"));
            return ImportExitCodes.Successful;
        });
        return command;
    }
}
