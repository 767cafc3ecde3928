using System.CommandLine;

namespace ImportOperator.Cli;

/// <summary>The <c>worker</c> verb: what the processing Job runs (stub; being built).</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Process one import inside its processing Job (reads the request and input from object storage, commits the results).");
        command.SetAction(_ => { Console.Error.WriteLine("error: the worker verb is not built yet."); return 1; });
        return command;
    }
}
