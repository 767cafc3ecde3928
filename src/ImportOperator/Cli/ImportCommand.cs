using System.CommandLine;

namespace ImportOperator.Cli;

/// <summary>The user's <c>import</c> verbs (submit, get, results, logs, retry); also the kubectl plugin (stub; being built).</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var command = new Command("import", "Create, upload, watch and fetch HeadlessImports (also installable as the kubectl plugin `kubectl import`).");
        command.SetAction(_ => { Console.Error.WriteLine("error: the import verbs are not built yet."); return 1; });
        return command;
    }
}
