using System.CommandLine;

namespace ImportOperator.Cli.Import;

/// <summary>
/// The user's import verbs (submit, get, results, logs, retry) under one <c>import</c> command — a verb of the
/// executable, and the top level of the kubectl plugin <c>kubectl-import</c>.
/// </summary>
public static class ImportVerbs
{
    public static Command Create(VerbContext context)
    {
        var command = new Command("import", """
            Create, upload, watch and fetch HeadlessImports; also installable as the kubectl plugin `kubectl import`
            (copy or link this executable as kubectl-import on PATH). Cluster access as kubectl: --kubeconfig,
            --context, -n/--namespace, KUBECONFIG.
            """);
        AddVerbs(command, context);
        return command;
    }

    private static void AddVerbs(Command parent, VerbContext context)
    {
        parent.Subcommands.Add(SubmitVerb.Create(context));
        parent.Subcommands.Add(GetVerb.Create(context));
        parent.Subcommands.Add(ResultsVerb.Create(context));
        parent.Subcommands.Add(LogsVerb.Create(context));
        parent.Subcommands.Add(RetryVerb.Create(context));
    }

    /// <summary>
    /// Runs one verb in-process (<paramref name="args"/> start with the verb: <c>["get", "x", "-n", "ns"]</c>),
    /// writing to the given writers with no terminal features, and returns the exit code.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct, ImportRunTimings? timings = null)
    {
        var console = new VerbConsole(stdout, stderr, errorIsTerminal: false, colours: false, commandPrefix: "import-operator import");
        // A root command of its own brings --help (as the executable's root does for the nested import command).
        var root = new RootCommand("ImportOperator import verbs");
        AddVerbs(root, new VerbContext(console, timings ?? ImportRunTimings.Default));
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, ct);
    }
}
