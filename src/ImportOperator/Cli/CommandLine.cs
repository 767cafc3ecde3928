using System.CommandLine;

namespace ImportOperator.Cli;

/// <summary>The executable's verbs. Each verb lives in its own class and adds itself here.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ImportOperator: headless data imports (CSV, Excel, JSON) mapped, validated and cleaned into JSON, run the Kubernetes way.");
        root.Subcommands.Add(ProcessCommand.Create());
        root.Subcommands.Add(CrdsCommand.Create());
        root.Subcommands.Add(OperatorCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(ReviewCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        return root;
    }

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
