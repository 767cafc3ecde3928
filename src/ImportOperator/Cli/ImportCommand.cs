using System.CommandLine;
using ImportOperator.Cli.Import;

namespace ImportOperator.Cli;

/// <summary>The user's <c>import</c> verbs (submit, get, results, logs, retry); also the kubectl plugin. Built in <see cref="ImportVerbs"/>.</summary>
public static class ImportCommand
{
    public static Command Create() =>
        ImportVerbs.Create(new VerbContext(VerbConsole.FromProcess(KubectlPlugin.CommandPrefix()), ImportRunTimings.Default));
}
