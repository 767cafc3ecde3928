using System.CommandLine;

namespace ImportOperator.Cli;

/// <summary>The <c>review</c> verb: the review web app for NEEDS_REVIEW imports (stub; being built).</summary>
public static class ReviewCommand
{
    public static Command Create()
    {
        var command = new Command("review", "Serve the review web app where a person finishes an import that needs review.");
        command.SetAction(_ => { Console.Error.WriteLine("error: the review verb is not built yet."); return 1; });
        return command;
    }
}
