using System.CommandLine;

namespace ImportOperator.Cli;

/// <summary>The <c>operator</c> verb: runs the reconcilers (stub; being built).</summary>
public static class OperatorCommand
{
    public static Command Create()
    {
        var command = new Command("operator", "Run the operator: reconcile ImportSchemas and HeadlessImports.");
        command.SetAction(_ => { Console.Error.WriteLine("error: the operator verb is not built yet."); return 1; });
        return command;
    }
}
